/**
 * Closures (ADMIN): rooms closed for a date range, for some slots or whole days. New bookings,
 * series dates and waitlist entries inside one get CONFLICT with its reason; those that exist are
 * cancelled by the booking jobs (jobs.ts) in batches, each once, even across restarts.
 */
import { recordAudit, type AuditSource } from '../../lib/audit';
import type { AuthUser } from '../../lib/auth';
import { addDays, requireDate } from '../../lib/campusTime';
import { badInput, notFound } from '../../lib/errors';
import { TEXT_LIMITS, pagination, requireId, requireText } from '../../lib/validation';
import type { ClosureRow } from './scheduleStore';
import type { BookingService } from './service';

/** The longest closure, in days. */
export const MAX_CLOSURE_DAYS = 366;

export interface ClosureInput {
  roomId?: string | null;
  startDate: string;
  endDate: string;
  timeSlots?: readonly string[] | null;
  reason: string;
}

export interface ClosureFilter {
  from?: string | null;
  to?: string | null;
  roomId?: string | null;
  limit?: number | null;
  offset?: number | null;
}

export class ClosureService {
  /** Called after a closure commits, so its cancellations start without waiting for the next poll. */
  onCreated: () => void = () => {};

  constructor(private readonly core: BookingService) {}

  private timeSlotsOf(input: ClosureInput): string[] | null {
    if (input.timeSlots == null) return null;
    if (input.timeSlots.length === 0) throw badInput('input.timeSlots', 'leave it out to close whole days, or name at least one slot');
    const labels = input.timeSlots.map((label, i) => this.core.requireSlot(`input.timeSlots[${i}]`, label).label);
    return [...new Set(labels)].sort();
  }

  private datesOf(input: ClosureInput): { startDate: string; endDate: string } {
    const startDate = requireDate('input.startDate', input.startDate);
    const endDate = requireDate('input.endDate', input.endDate);
    if (endDate < startDate) throw badInput('input.endDate', 'must not be before input.startDate');
    const today = this.core.moment().date;
    if (endDate < today) throw badInput('input.endDate', `must be today (${today}) or later`);
    if (endDate > addDays(startDate, MAX_CLOSURE_DAYS - 1)) throw badInput('input.endDate', `a closure lasts at most ${MAX_CLOSURE_DAYS} days`);
    return { startDate, endDate };
  }

  async create(caller: AuthUser, input: ClosureInput, origin: AuditSource): Promise<ClosureRow> {
    const { startDate, endDate } = this.datesOf(input);
    const timeSlots = this.timeSlotsOf(input);
    const reason = requireText('input.reason', input.reason, TEXT_LIMITS.title);
    const roomId = input.roomId == null ? null : requireId('input.roomId', input.roomId);
    const closure = await this.core.knex.transaction(async (trx) => {
      if (roomId) await this.core.requireRoom('input.roomId', roomId, trx);
      // Waits for bookings in progress; bookings after this see the closure (store.shareClosureLock).
      await this.core.schedule.exclusiveClosureLock(trx);
      const row = await this.core.schedule.insertClosure(trx, {
        room_id: roomId,
        start_date: startDate,
        end_date: endDate,
        time_slots: timeSlots,
        reason,
        created_by: caller.id,
      });
      await recordAudit(trx, origin, { action: 'closure.created', target: row.id, details: { roomId, startDate, endDate, timeSlots, reason } });
      return row;
    });
    this.onCreated();
    return closure;
  }

  async delete(idInput: string, origin: AuditSource): Promise<boolean> {
    const id = requireId('id', idInput);
    await this.core.knex.transaction(async (trx) => {
      if (!(await this.core.schedule.deleteClosure(id, trx))) throw notFound('Closure');
      await recordAudit(trx, origin, { action: 'closure.deleted', target: id });
    });
    return true;
  }

  list(filter: ClosureFilter): Promise<ClosureRow[]> {
    return this.core.schedule.listClosures({
      from: filter.from != null ? requireDate('from', filter.from) : undefined,
      to: filter.to != null ? requireDate('to', filter.to) : undefined,
      roomId: filter.roomId != null ? requireId('roomId', filter.roomId) : undefined,
      ...pagination(filter),
    });
  }
}
