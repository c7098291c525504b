/** Password hashing: argon2id with the library's defaults (19 MiB, 2 passes). */
import { hash, verify } from '@node-rs/argon2';

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;
/**
 * Spends the same work as a real check when the email is unknown, so response time does not
 * tell which emails have accounts.
 */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hash('decoy-password-for-unknown-accounts');
  await verifyPassword(await decoy, password);
  return false;
}
