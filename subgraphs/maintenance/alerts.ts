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
import { DueTimeJob } from '../../lib/dueTimeJob';
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
  private readonly job: DueTimeJob;
  private readonly batchSize: number;

  constructor(
    private readonly knex: Knex,
    private readonly store: TicketStore,
    private readonly logger: Logger,
    options: DeadlineAlertsOptions,
  ) {
    this.batchSize = options.batchSize ?? 50;
    this.job = new DueTimeJob({
      name: 'deadline alerts',
      pollMs: options.pollMs,
      run: () => this.runDue(),
      msUntilNextDue: async () => {
        const next = await this.store.nextAlertDueAt();
        return next ? next.dueAt.getTime() - next.now.getTime() : null;
      },
      logger,
    });
  }

  start(): Promise<void> {
    return this.job.start();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  wake(): void {
    this.job.wake();
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
