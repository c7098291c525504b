/** The SLA and response tables, holds, alerts and the ticket lifecycle, as pure rules. */
import { AppError } from '../../lib/errors';
import { requireTransition, TRANSITIONS } from './lifecycle';
import { alertApplies } from './alerts';
import { deadlineAt, isOverdue, RESPONSE_MINUTES, runningHoldSeconds, SLA_HOURS, type TicketStatus } from './sla';
import type { TicketRow } from './store';

test('SLA hours follow the contract', () => {
  expect(SLA_HOURS).toEqual({ CRITICAL: 1, HIGH: 4, MEDIUM: 24, LOW: 72 });
});

test('only unfinished work is overdue', () => {
  const due = new Date('2026-11-25T11:00:00.000Z');
  const later = new Date('2026-11-25T11:00:01.000Z');
  expect(isOverdue({ status: 'OPEN', sla_due_at: due }, later)).toBe(true);
  expect(isOverdue({ status: 'IN_PROGRESS', sla_due_at: due }, later)).toBe(true);
  expect(isOverdue({ status: 'RESOLVED', sla_due_at: due }, later)).toBe(false);
  expect(isOverdue({ status: 'OPEN', sla_due_at: due }, due)).toBe(false);
  expect(isOverdue({ status: 'ON_HOLD', sla_due_at: due }, later)).toBe(false);
});

test('response times follow the contract', () => {
  expect(RESPONSE_MINUTES).toEqual({ CRITICAL: 15, HIGH: 60, MEDIUM: 240, LOW: 1440 });
});

test('a running hold counts in whole seconds and moves a deadline with it', () => {
  const started = new Date('2026-11-25T10:00:00.000Z');
  const now = new Date('2026-11-25T10:01:30.900Z');
  expect(runningHoldSeconds({ hold_started_at: null }, now)).toBe(0);
  expect(runningHoldSeconds({ hold_started_at: started }, now)).toBe(90);
  expect(runningHoldSeconds({ hold_started_at: now }, started)).toBe(0);
  const due = new Date('2026-11-25T11:00:00.000Z');
  expect(deadlineAt(due, { hold_started_at: started }, now).toISOString()).toBe('2026-11-25T11:01:30.000Z');
  expect(deadlineAt(due, { hold_started_at: null }, now)).toEqual(due);
});

test('an alert applies only while its clock runs: OPEN or IN_PROGRESS, and for a response, before one', () => {
  const ticket = (status: TicketStatus, responded: boolean) => ({ status, responded_at: responded ? new Date() : null }) as TicketRow;
  expect(alertApplies({ clock: 'RESPONSE', ticket: ticket('OPEN', false) })).toBe(true);
  expect(alertApplies({ clock: 'RESPONSE', ticket: ticket('IN_PROGRESS', true) })).toBe(false);
  expect(alertApplies({ clock: 'RESOLUTION', ticket: ticket('IN_PROGRESS', true) })).toBe(true);
  for (const status of ['ON_HOLD', 'RESOLVED', 'CLOSED'] as const) {
    expect(alertApplies({ clock: 'RESOLUTION', ticket: ticket(status, false) })).toBe(false);
  }
});

test('the lifecycle allows exactly its moves, and names both states when it refuses', () => {
  const allowed = Object.entries(TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`));
  expect(allowed.sort()).toEqual([
    'IN_PROGRESS>ON_HOLD',
    'IN_PROGRESS>RESOLVED',
    'ON_HOLD>IN_PROGRESS',
    'ON_HOLD>OPEN',
    'OPEN>IN_PROGRESS',
    'OPEN>ON_HOLD',
    'RESOLVED>CLOSED',
    'RESOLVED>OPEN',
  ]);
  expect(() => requireTransition('OPEN', 'IN_PROGRESS')).not.toThrow();
  for (const [from, to] of [
    ['OPEN', 'RESOLVED'],
    ['CLOSED', 'OPEN'],
    ['OPEN', 'OPEN'],
    ['IN_PROGRESS', 'CLOSED'],
    ['ON_HOLD', 'RESOLVED'],
    ['ON_HOLD', 'ON_HOLD'],
    ['RESOLVED', 'ON_HOLD'],
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
