/** A background worker that runs one task now and then (housekeeping), never two at once. */
import type { Logger } from './logger';
import type { BackgroundWorker } from './subgraphServer';

export const HOURLY_MS = 3_600_000;

export class PeriodicTask implements BackgroundWorker {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly everyMs: number,
    private readonly task: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.timer = setInterval(() => void this.runOnce(), this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Runs the task unless a run is already under way; errors are logged, not thrown. */
  runOnce(): Promise<void> {
    this.running ??= this.task()
      .then((result) => this.logger.debug({ task: this.name, result }, 'housekeeping done'))
      .catch((error) => this.logger.error({ err: error, task: this.name }, 'housekeeping failed'))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
