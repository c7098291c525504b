/**
 * Dates and times on the campus clock (`TZ`, default UTC): `YYYY-MM-DD` dates and minutes
 * since local midnight, so "today" and "has this slot started" mean what they mean on campus.
 */
import { badInput } from './errors';

export interface CampusMoment {
  /** `YYYY-MM-DD` on the campus calendar. */
  date: string;
  /** Minutes since local midnight. */
  minutes: number;
}

/** The moment `now` on the campus clock. */
export function campusMoment(timeZone: string, now: Date = new Date()): CampusMoment {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, minutes: Number(part('hour')) * 60 + Number(part('minute')) };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in `YYYY-MM-DD` form (2026-02-30 is not one), or BAD_USER_INPUT. */
export function requireDate(argument: string, value: string): string {
  const match = DATE.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return value;
  }
  throw badInput(argument, 'must be a real date written YYYY-MM-DD');
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Validates a timezone name at start-up. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
