/** Input rules shared by every subgraph: the contract's text limits, pagination and ids. */
import { badInput } from './errors';

export const TEXT_LIMITS = {
  name: 200,
  title: 200,
  description: 5000,
  message: 5000,
} as const;

export const PASSWORD_LENGTH = { min: 10, max: 128 } as const;

/** Trimmed text of 1..max characters; empty, blank or longer text is BAD_USER_INPUT. */
export function requireText(argument: string, value: string, max: number): string {
  const text = value.trim();
  if (text.length === 0) throw badInput(argument, 'must not be empty');
  if ([...text].length > max) throw badInput(argument, `must be at most ${max} characters`);
  return text;
}

export function requirePassword(argument: string, value: string): string {
  const length = [...value].length;
  if (length < PASSWORD_LENGTH.min || length > PASSWORD_LENGTH.max) {
    throw badInput(argument, `must be ${PASSWORD_LENGTH.min}-${PASSWORD_LENGTH.max} characters`);
  }
  if (value.trim().length === 0) throw badInput(argument, 'must not be only spaces');
  return value;
}

export const PAGE = { defaultLimit: 50, maxLimit: 100 } as const;

/** `limit` defaults to 50 and larger values are cut to 100; negatives are refused. */
export function pagination(args: { limit?: number | null; offset?: number | null }): { limit: number; offset: number } {
  const limit = args.limit ?? PAGE.defaultLimit;
  const offset = args.offset ?? 0;
  if (limit < 0) throw badInput('limit', 'must not be negative');
  if (offset < 0) throw badInput('offset', 'must not be negative');
  return { limit: Math.min(limit, PAGE.maxLimit), offset };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Ids are UUIDs; anything else is BAD_USER_INPUT naming the argument, before any query runs. */
export function requireId(argument: string, value: string): string {
  if (!isUuid(value)) throw badInput(argument, 'is not a valid id');
  return value.toLowerCase();
}
