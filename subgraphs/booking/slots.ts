/** The eight two-hour slots of a campus day, 06:00 to 22:00. */
import type { CampusMoment } from '../../lib/campusTime';

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
