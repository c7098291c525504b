/**
 * The one shape of every "a role, or the owner" rule (who may see a notification, cancel a
 * booking, read a ticket), written once so each subgraph states its rule and never re-derives it.
 */
import type { AuthUser, Role } from './auth';
import { forbidden } from './errors';

export class OwnerRule {
  /** `privileged`: the role that reaches everyone's records. */
  constructor(readonly privileged: Role) {}

  /** The privileged role, or one of the record's owners (reporter, assignee, holder…). */
  allows(caller: AuthUser, ...ownerIds: ReadonlyArray<string | null | undefined>): boolean {
    return caller.role === this.privileged || ownerIds.some((ownerId) => ownerId != null && ownerId === caller.id);
  }

  /** FORBIDDEN with `message` unless `allows`. */
  require(caller: AuthUser, ownerId: string, message: string): void {
    if (!this.allows(caller, ownerId)) throw forbidden(message);
  }

  /** The owner a list is narrowed to: undefined (everyone's) for the privileged role, else the caller. */
  ownerFilter(caller: AuthUser): string | undefined {
    return caller.role === this.privileged ? undefined : caller.id;
  }
}

/** ADMIN, or the owner: notifications, tickets. */
export const adminOrOwner = new OwnerRule('ADMIN');
/** FACULTY, or the owner: bookings. */
export const facultyOrOwner = new OwnerRule('FACULTY');
