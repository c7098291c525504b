/**
 * LISTEN on a PostgreSQL channel, for the real server (a dedicated connection outside the
 * pool, reconnecting after errors) and for the embedded database (its own listen API).
 */
import { Client } from 'pg';
import type { Database } from './db';
import type { Logger } from './logger';

export type Unlisten = () => Promise<void>;

const RECONNECT_MS = 1000;

export async function listen(db: Database, channel: string, onPayload: (payload: string) => void, logger: Logger): Promise<Unlisten> {
  if (db.pglite) {
    const unsubscribe = await db.pglite.listen(channel, onPayload);
    return unsubscribe;
  }
  if (!db.url) throw new Error('LISTEN needs the database URL');
  let client: Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString: db.url });
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    next.on('error', (error) => {
      logger.warn({ err: error, channel }, 'LISTEN connection lost; reconnecting');
      next.end().catch(() => {});
      if (!stopped) retry = setTimeout(() => connect().catch(() => {}), RECONNECT_MS);
    });
    try {
      await next.connect();
      await next.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
      client = next;
    } catch (error) {
      next.end().catch(() => {});
      if (stopped) return;
      logger.warn({ err: error, channel }, 'LISTEN failed; retrying');
      retry = setTimeout(() => connect().catch(() => {}), RECONNECT_MS);
      throw error;
    }
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
