/**
 * Deadline alerts: every ADMIN and the assignee hear when 75% of a ticket's response or
 * resolution time is gone (WARNING) and when it has passed (BREACH), once each. The due times
 * live in maintenance.ticket_alerts, kept in step with the ticket by a database trigger (holds,
 * priority changes, responses by whoever writes them). This job only sends: it claims due rows
 * with their tickets FOR UPDATE SKIP LOCKED, checks the ticket again, and stamps the row and
 * appends the outbox event in one transaction, so restarts and several instances at once still
 * send each alert exactly once. The notifications subgraph turns the event into notifications.
 */
import type { Knex } from 'knex';
import type { Logger } from '../../lib/logger';
import { appendEvent } from '../../lib/outbox';
import { PeriodicTask } from '../../lib/periodicTask';
import type { BackgroundWorker } from '../../lib/subgraphServer';
import type { DueAlert, TicketStore } from './store';

export interface DeadlineAlertsOptions {
  /** How often to look for due alerts, in ms (`MAINTENANCE_ALERTS_POLL_MS`). */
  pollMs: number;
  /** Alerts per transaction. @default 50 */
  batchSize?: number;
}

/** Whether the alert still means something now: its clock runs and, for a response, nobody has responded. */
export function alertApplies(alert: Pick<DueAlert, 'ticket' | 'clock'>): boolean {
  const { status, responded_at } = alert.ticket;
  if (status !== 'OPEN' && status !== 'IN_PROGRESS') return false;
  return alert.clock === 'RESOLUTION' || responded_at === null;
}

export class DeadlineAlerts implements BackgroundWorker {
  private readonly task: PeriodicTask;
  private readonly batchSize: number;
  /** A wake-up at the next due time when it comes before the next poll: a hint, the poll is the guarantee. */
  private hint?: NodeJS.Timeout;
  private stopped = true;

  constructor(
    private readonly knex: Knex,
    private readonly store: TicketStore,
    private readonly logger: Logger,
    private readonly options: DeadlineAlertsOptions,
  ) {
    this.batchSize = options.batchSize ?? 50;
    this.task = new PeriodicTask('deadline alerts', options.pollMs, () => this.runAndPlan(), logger);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.task.start();
    this.wake(); // whatever fell due while no instance ran
  }

  stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.hint);
    return this.task.stop();
  }

  wake(): void {
    if (!this.stopped) void this.task.runOnce();
  }

  /** Sends everything due now, batch after batch; returns how many alerts were sent. */
  async runDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const { claimed, delivered } = await this.sendBatch();
      sent += delivered;
      if (claimed < this.batchSize) return sent;
    }
  }

  private async runAndPlan(): Promise<number> {
    const sent = await this.runDue();
    await this.planWake();
    return sent;
  }

  private async planWake(): Promise<void> {
    if (this.stopped) return;
    const next = await this.store.nextAlertDueAt();
    clearTimeout(this.hint);
    if (!next || this.stopped) return;
    const delay = next.dueAt.getTime() - next.now.getTime();
    // Due rows another instance holds: look again shortly, not in a tight loop.
    if (delay < this.options.pollMs) {
      this.hint = setTimeout(() => this.wake(), Math.max(delay + 5, 50));
      this.hint.unref();
    }
  }

  private sendBatch(): Promise<{ claimed: number; delivered: number }> {
    return this.knex.transaction(async (trx) => {
      const due = await this.store.claimDueAlerts(trx, this.batchSize);
      if (due.length === 0) return { claimed: 0, delivered: 0 };
      const admins = await this.store.adminIds(trx);
      let delivered = 0;
      for (const alert of due) {
        // The trigger keeps due times right; this check also covers a writer it does not know.
        if (!alertApplies(alert)) {
          await this.store.dismissAlert(trx, alert);
          continue;
        }
        await this.send(trx, alert, admins);
        delivered += 1;
      }
      this.logger.debug({ claimed: due.length, delivered }, 'deadline alerts sent');
      return { claimed: due.length, delivered };
    });
  }

  private async send(trx: Knex.Transaction, alert: DueAlert, admins: string[]): Promise<void> {
    const { ticket } = alert;
    const recipientIds = [...new Set([...admins, ...(ticket.assignee_id ? [ticket.assignee_id] : [])])];
    const deadline = alert.clock === 'RESPONSE' ? ticket.response_due_at : ticket.sla_due_at;
    await appendEvent(trx, 'ticket.deadline_alert', ticket.id, {
      ticketId: ticket.id,
      title: ticket.title,
      priority: ticket.priority,
      clock: alert.clock,
      level: alert.level,
      deadline: deadline.toISOString(),
      recipientIds,
    });
    await this.store.markAlertSent(trx, alert);
  }
}
