/** The eight two-hour slots of a campus day, 06:00 to 22:00. */
import { campusMoment, type CampusMoment } from '../../lib/campusTime';

export interface SlotDefinition {
  label: string;
  start: string;
  end: string;
  /** Minutes after local midnight at which the slot starts. */
  startMinutes: number;
}

const pad = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

export const TIME_SLOTS: readonly SlotDefinition[] = Array.from({ length: 8 }, (_, i) => {
  const startHour = 6 + i * 2;
  const start = pad(startHour);
  const end = pad(startHour + 2);
  return { label: `${start}-${end}`, start, end, startMinutes: startHour * 60 };
});

export function slotByLabel(label: string): SlotDefinition | undefined {
  return TIME_SLOTS.find((slot) => slot.label === label);
}

/** A slot of a past day, or of today once its start time has come, can no longer be booked. */
export function hasStarted(slot: SlotDefinition, date: string, now: CampusMoment): boolean {
  return date < now.date || (date === now.date && now.minutes >= slot.startMinutes);
}

/** The instant at which `minutes` after local midnight of `date` happens on the campus clock. */
export function campusInstant(timeZone: string, date: string, minutes: number): Date {
  const [year, month, day] = date.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  // The zone's offset at an instant: its wall-clock reading minus the instant.
  const offsetAt = (instant: number) => {
    const local = campusMoment(timeZone, new Date(instant));
    const [y, m, d] = local.date.split('-').map(Number);
    return Date.UTC(y, m - 1, d, 0, local.minutes) - instant;
  };
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
}

/** When a slot of `date` starts and ends, as instants. */
export function slotTimes(timeZone: string, date: string, slot: SlotDefinition): { start: Date; end: Date } {
  return { start: campusInstant(timeZone, date, slot.startMinutes), end: campusInstant(timeZone, date, slot.startMinutes + 120) };
}
