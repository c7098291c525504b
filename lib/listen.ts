/**
 * LISTEN on a PostgreSQL channel, for the real server (a dedicated connection outside the
 * pool, reconnecting after errors) and for the embedded database (its own listen API).
 */
import { Client } from 'pg';
import type { Database } from './db';
import type { Logger } from './logger';

export type Unlisten = () => Promise<void>;

/** Told when the LISTEN connection is lost and when it is listening (again). */
export interface ListenHooks {
  /** Called after each successful LISTEN, the first one included. */
  onListening?(): void;
  /** Called when the connection drops; notifications sent until the next `onListening` are lost. */
  onLost?(): void;
}

const RECONNECT_MS = 1000;

export async function listen(
  db: Database,
  channel: string,
  onPayload: (payload: string) => void,
  logger: Logger,
  hooks: ListenHooks = {},
): Promise<Unlisten> {
  if (db.pglite) {
    const unsubscribe = await db.pglite.listen(channel, onPayload);
    hooks.onListening?.();
    return unsubscribe;
  }
  if (!db.url) throw new Error('LISTEN needs the database URL');
  let client: Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const scheduleReconnect = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch(() => {});
    }, RECONNECT_MS);
  };

  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString: db.url });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (client === next) client = undefined;
      next.end().catch(() => {});
      if (stopped) return;
      logger.warn({ err: error, channel }, 'LISTEN connection lost; reconnecting');
      hooks.onLost?.();
      scheduleReconnect();
    };
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    next.on('error', onLost);
    next.on('end', () => onLost());
    try {
      await next.connect();
      await next.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
      client = next;
      hooks.onListening?.();
    } catch (error) {
      lost = true;
      next.end().catch(() => {});
      if (stopped) return;
      logger.warn({ err: error, channel }, 'LISTEN failed; retrying');
      scheduleReconnect();
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
