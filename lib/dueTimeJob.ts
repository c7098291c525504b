/**
 * A job driven by due times in the database (booking's releases and reminders, maintenance's
 * deadline alerts): it runs every `pollMs`, the guarantee, and at the next due time when that
 * comes sooner, only a hint. One run at a time; a wake-up during a run runs again after it (its
 * due work may be newer). After a failure only the poll runs again, so a failing batch cannot spin.
 */
import type { Logger } from './logger';
import { PeriodicTask } from './periodicTask';
import type { BackgroundWorker } from './subgraphServer';

export interface DueTimeJobOptions {
  name: string;
  pollMs: number;
  /** Does everything due now. */
  run: () => Promise<unknown>;
  /** Milliseconds until the next due time (≤ 0: due already), or null when nothing is due. */
  msUntilNextDue: () => Promise<number | null>;
  logger: Logger;
}

export class DueTimeJob implements BackgroundWorker {
  private readonly task: PeriodicTask;
  private hint?: NodeJS.Timeout;
  private stopped = true;
  private busy = false;
  private again = false;

  constructor(private readonly options: DueTimeJobOptions) {
    this.task = new PeriodicTask(options.name, options.pollMs, () => this.runAndPlan(), options.logger);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.task.start();
    this.wake(); // whatever fell due while no instance ran
  }

  stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.hint);
    return this.task.stop();
  }

  /** Runs the due work now, or right after the run under way. */
  wake(): void {
    if (this.stopped) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    void this.task.runOnce();
  }

  private async runAndPlan(): Promise<unknown> {
    this.busy = true;
    let failed = true;
    try {
      const result = await this.options.run();
      failed = false;
      return result;
    } finally {
      this.busy = false;
      if (this.again && !failed) {
        this.again = false;
        setImmediate(() => this.wake());
      } else if (!failed) {
        await this.planWake();
      }
    }
  }

  private async planWake(): Promise<void> {
    if (this.stopped) return;
    const delay = await this.options.msUntilNextDue();
    clearTimeout(this.hint);
    // Rows due but locked by another instance: look again shortly, not in a tight loop.
    if (delay !== null && delay < this.options.pollMs && !this.stopped) {
      this.hint = setTimeout(() => this.wake(), Math.max(delay + 5, 50));
      this.hint.unref();
    }
  }
}
