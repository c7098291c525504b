/**
 * Query results of a small, rarely written table (booking's rooms), kept in memory and kept true
 * across processes: a statement trigger on the table NOTIFYs `table_changed` with its name on
 * every write, and every process drops its entries on that notice. A result read before a write
 * but returned after its notice is not kept (a generation count). While the LISTEN connection is
 * down nothing is cached, so a missed notice never leaves a stale entry.
 */
import type { Database } from './db';
import { listen, type Unlisten } from './listen';
import type { Logger } from './logger';

export const TABLE_CHANGED_CHANNEL = 'table_changed';

export class TableCache<Value> {
  private readonly entries = new Map<string, Value>();
  private generation = 0;
  private live = false;
  private unlisten?: Unlisten;

  /** `table`: schema-qualified, as the trigger names it; `maxEntries` bounds memory (oldest out first). */
  constructor(
    private readonly db: Database,
    private readonly table: string,
    private readonly logger: Logger,
    private readonly maxEntries = 1000,
  ) {}

  async start(): Promise<void> {
    this.unlisten = await listen(this.db, TABLE_CHANGED_CHANNEL, (payload) => payload === this.table && this.clear(), this.logger, {
      onListening: () => this.setLive(true),
      onLost: () => this.setLive(false),
    });
  }

  async stop(): Promise<void> {
    this.setLive(false);
    await this.unlisten?.();
    this.unlisten = undefined;
  }

  /** The cached value of `key`, or `load()`'s, kept unless the table changed meanwhile. */
  async get(key: string, load: () => Promise<Value>): Promise<Value> {
    if (this.live && this.entries.has(key)) return this.entries.get(key)!;
    const generation = this.generation;
    const value = await load();
    if (this.live && generation === this.generation) this.keep(key, value);
    return value;
  }

  /** Drops every entry now (the writer's own process need not wait for the notice). */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }

  private keep(key: string, value: Value): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }

  private setLive(live: boolean): void {
    this.live = live;
    this.clear();
  }
}
