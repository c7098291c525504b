/**
 * Identical subgraph queries in flight at the same moment share one call, as Hive Gateway does:
 * the same subgraph, text, variables and identity (the bearer token) can only get the same
 * answer. Each sharer gets its own copy, since the gateway rewrites fetched data in place.
 */
interface Shared<T> {
  result: Promise<T>;
  sharers: number;
}

export class InFlightQueries<T extends object> {
  private readonly pending = new Map<string, Shared<T>>();

  constructor(private readonly copy: (value: T) => T) {}

  /** Runs `call`, unless a call with the same key is already running: then waits for that one. */
  async run(key: string, call: () => Promise<T>): Promise<T> {
    let shared = this.pending.get(key);
    if (shared) {
      shared.sharers++;
    } else {
      const result = call().finally(() => this.pending.delete(key));
      shared = { result, sharers: 1 };
      this.pending.set(key, shared);
    }
    const value = await shared.result;
    return shared.sharers > 1 ? this.copy(value) : value;
  }

  get size(): number {
    return this.pending.size;
  }
}
