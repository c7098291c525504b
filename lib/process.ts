import type { Logger } from './logger';

/** Runs `shutdown` once on SIGTERM or SIGINT, then exits. */
export function runUntilSignal(logger: Logger, shutdown: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    shutdown()
      .catch((error) => logger.error({ err: error }, 'error during shutdown'))
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
