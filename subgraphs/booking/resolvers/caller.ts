import type { AuthUser } from '../../../lib/auth';
import { unauthenticated } from '../../../lib/errors';
import type { BookingContext } from '../context';

/** The @auth directive has already admitted the caller; this narrows the type. */
export function callerOf({ user }: BookingContext): AuthUser {
  if (!user) throw unauthenticated();
  return user;
}
