/** The GPA arithmetic, free of GraphQL: validated classes in, weighted average out. */
import { badInput } from '../../lib/errors';

/** Letter grades on the common US 4.0 scale. */
export const GRADE_POINTS: Readonly<Record<string, number>> = {
  A: 4.0,
  'A-': 3.7,
  'B+': 3.3,
  B: 3.0,
  'B-': 2.7,
  'C+': 2.3,
  C: 2.0,
  'C-': 1.7,
  'D+': 1.3,
  D: 1.0,
  'D-': 0.7,
  F: 0.0,
};

export const GPA_LIMITS = { minClasses: 1, maxClasses: 100, minWeight: 1, maxWeight: 3, maxGpa: 4 } as const;

export interface GpaClass {
  gpa?: number | null;
  grade?: string | null;
  weight: number;
}

export interface GpaResult {
  gpa: number;
  totalWeight: number;
  classCount: number;
}

/** Points of one class; throws BAD_USER_INPUT naming `classes[i].…` when it is invalid. */
function pointsOf(entry: GpaClass, index: number): number {
  const at = `classes[${index}]`;
  if (!Number.isInteger(entry.weight) || entry.weight < GPA_LIMITS.minWeight || entry.weight > GPA_LIMITS.maxWeight) {
    throw badInput(`${at}.weight`, `must be a whole number from ${GPA_LIMITS.minWeight} to ${GPA_LIMITS.maxWeight}`);
  }
  const hasGpa = entry.gpa !== null && entry.gpa !== undefined;
  const hasGrade = entry.grade !== null && entry.grade !== undefined;
  if (hasGpa === hasGrade) throw badInput(at, 'give exactly one of gpa or grade');
  if (hasGpa) {
    const gpa = entry.gpa as number;
    if (!Number.isFinite(gpa) || gpa < 0 || gpa > GPA_LIMITS.maxGpa) throw badInput(`${at}.gpa`, 'must be between 0.0 and 4.0');
    return gpa;
  }
  const points = GRADE_POINTS[(entry.grade as string).trim().toUpperCase()];
  if (points === undefined) throw badInput(`${at}.grade`, `must be one of ${Object.keys(GRADE_POINTS).join(' ')}`);
  return points;
}

/** Points are summed as integer millionths, so adding many classes adds no binary error. */
const SCALE = 1_000_000;

/**
 * numerator / denominator rounded half up to 2 decimals in integer arithmetic, as a person
 * would on paper: 10.7 / 4 = 2.675 gives 2.68, although the double nearest 2.675 lies below it.
 */
export function roundedQuotient(numerator: number, denominator: number): number {
  const hundredths = Math.floor((200 * numerator + denominator) / (2 * denominator));
  return hundredths / 100;
}

export function calculateGpa(classes: readonly GpaClass[]): GpaResult {
  if (classes.length < GPA_LIMITS.minClasses) throw badInput('classes', 'give at least one class');
  if (classes.length > GPA_LIMITS.maxClasses) throw badInput('classes', `give at most ${GPA_LIMITS.maxClasses} classes`);
  let scaledPoints = 0;
  let totalWeight = 0;
  classes.forEach((entry, index) => {
    scaledPoints += Math.round(pointsOf(entry, index) * SCALE) * entry.weight;
    totalWeight += entry.weight;
  });
  return { gpa: roundedQuotient(scaledPoints, totalWeight * SCALE), totalWeight, classCount: classes.length };
}
