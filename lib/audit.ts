/**
 * The audit log: who did what to whom, when, from where. Every subgraph appends its entries
 * with `recordAudit`, inside the transaction of the action, so an entry exists exactly when
 * the action committed. The table refuses updates and deletes (see migrations/audit/); only
 * `pruneAudit` removes entries, once they are older than the retention.
 */
import type { Knex } from 'knex';
import type { RequestContext } from './auth';
import { migrateSchema } from './db';

export const AUDIT_ACTIONS = [
  'login.succeeded',
  'login.failed',
  'login.locked',
  'refresh.reused',
  'session.revoked',
  'user.created',
  'user.updated',
  'user.deleted',
  'user.role_changed',
  'ticket.priority_overridden',
  'room.created',
  'room.updated',
  'closure.created',
  'closure.deleted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who acted and from where: the request context, or the parts of it an action knows. */
export type AuditSource = Pick<RequestContext, 'clientAddress' | 'requestId'> & { user: { id: string } | null };

export interface AuditRecord {
  action: AuditAction;
  /** What the action was about: a user, room or ticket id, or an email that matched no one. */
  target?: string | null;
  /** Which fields changed and similar facts; never a password or token. */
  details?: Record<string, unknown>;
  /** The actor when it is not the signed-in caller (a sign-in names the account it reached). */
  actorId?: string | null;
}

export interface AuditEntryRow {
  id: string | number;
  action: AuditAction;
  actor_id: string | null;
  target: string | null;
  at: Date;
  client_address: string | null;
  request_id: string | null;
  details: Record<string, unknown> | null;
}

const ENTRIES = 'audit.entries';

/** Creates the audit schema if this database does not have it yet. */
export function migrateAudit(knex: Knex): Promise<string[]> {
  return migrateSchema(knex, 'audit');
}

/** Appends one entry, in `trx` when the action has a transaction. */
export async function recordAudit(trx: Knex, source: AuditSource, record: AuditRecord): Promise<void> {
  await trx(ENTRIES)
    .comment('recordAudit')
    .insert({
      action: record.action,
      actor_id: record.actorId !== undefined ? record.actorId : (source.user?.id ?? null),
      target: record.target?.slice(0, 300) ?? null,
      client_address: source.clientAddress?.slice(0, 100) ?? null,
      request_id: source.requestId?.slice(0, 100) ?? null,
      details: record.details ? JSON.stringify(record.details) : null,
    });
}

/** The names among `fields` whose values differ between two versions of a row (for `details`). */
export function changedFields<T extends object>(before: T, after: T, fields: ReadonlyArray<keyof T & string>): string[] {
  return fields.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

export interface AuditFilter {
  action?: string | null;
  actorId?: string | null;
  target?: string | null;
  limit: number;
  offset: number;
}

/** Newest first. */
export function listAudit(knex: Knex, filter: AuditFilter): Promise<AuditEntryRow[]> {
  const query = knex(ENTRIES).comment('listAudit').select('*').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset);
  if (filter.action) query.where('action', filter.action);
  if (filter.actorId) query.where('actor_id', filter.actorId);
  if (filter.target) query.where('target', filter.target);
  return query;
}

/** @default 365 */
export const AUDIT_RETENTION_DAYS = 365;

/** Deletes entries older than the retention (the one deletion the table allows); returns how many. */
export function pruneAudit(knex: Knex, retentionDays: number): Promise<number> {
  return knex.transaction(async (trx) => {
    await trx.raw(`/* allowAuditPrune */ select set_config('audit.pruning', 'on', true)`);
    const rows = await trx(ENTRIES)
      .comment('pruneAudit')
      .where('at', '<', trx.raw('now() - make_interval(days => ?)', [retentionDays]))
      .delete()
      .returning('id');
    return rows.length;
  });
}
