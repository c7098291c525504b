/** The SLA table and the ticket lifecycle, as pure rules. */
import { AppError } from '../../lib/errors';
import { requireTransition, TRANSITIONS } from './lifecycle';
import { isOverdue, slaDueAt, SLA_HOURS } from './sla';

test('SLA hours follow the contract', () => {
  expect(SLA_HOURS).toEqual({ CRITICAL: 1, HIGH: 4, MEDIUM: 24, LOW: 72 });
  const created = new Date('2026-11-25T10:00:00.000Z');
  expect(slaDueAt(created, 'CRITICAL').toISOString()).toBe('2026-11-25T11:00:00.000Z');
  expect(slaDueAt(created, 'LOW').toISOString()).toBe('2026-11-28T10:00:00.000Z');
});

test('only unfinished work is overdue', () => {
  const due = new Date('2026-11-25T11:00:00.000Z');
  const later = new Date('2026-11-25T11:00:01.000Z');
  expect(isOverdue({ status: 'OPEN', sla_due_at: due }, later)).toBe(true);
  expect(isOverdue({ status: 'IN_PROGRESS', sla_due_at: due }, later)).toBe(true);
  expect(isOverdue({ status: 'RESOLVED', sla_due_at: due }, later)).toBe(false);
  expect(isOverdue({ status: 'OPEN', sla_due_at: due }, due)).toBe(false);
});

test('the lifecycle allows exactly its moves, and names both states when it refuses', () => {
  const allowed = Object.entries(TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`));
  expect(allowed.sort()).toEqual(['IN_PROGRESS>RESOLVED', 'OPEN>IN_PROGRESS', 'RESOLVED>CLOSED', 'RESOLVED>OPEN']);
  expect(() => requireTransition('OPEN', 'IN_PROGRESS')).not.toThrow();
  for (const [from, to] of [
    ['OPEN', 'RESOLVED'],
    ['CLOSED', 'OPEN'],
    ['OPEN', 'OPEN'],
    ['IN_PROGRESS', 'CLOSED'],
  ] as const) {
    try {
      requireTransition(from, to);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).extensions.code).toBe('BAD_USER_INPUT');
      expect((error as AppError).message).toContain(`from ${from} to ${to}`);
    }
  }
});
