/**
 * An async iterator fed from outside: values are pushed, the consumer pulls them, and
 * `return()` (the client unsubscribed, or the socket closed) ends it at once and runs its
 * cleanup, even while the consumer is waiting for the next value.
 */
export class EventStream<T> implements AsyncIterableIterator<T> {
  private readonly values: T[] = [];
  private readonly waiting: Array<(result: IteratorResult<T>) => void> = [];
  private closed = false;

  constructor(
    private readonly onClose: () => void,
    /** Values held for a consumer that does not keep up; past it the stream ends. */
    private readonly capacity = 1000,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  push(value: T): void {
    if (this.closed) return;
    const consumer = this.waiting.shift();
    if (consumer) consumer({ value, done: false });
    else if (this.values.length < this.capacity) this.values.push(value);
    else this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    for (const consumer of this.waiting.splice(0)) consumer({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T>> {
    if (this.values.length > 0) return Promise.resolve({ value: this.values.shift()!, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.close();
    this.values.length = 0;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}

/** A mapped async iterator whose `return()` reaches the source at once, even mid-wait. */
export function mapIterator<T, R>(source: AsyncIterator<T>, map: (value: T) => Promise<R>): AsyncIterableIterator<R> {
  return {
    async next() {
      const result = await source.next();
      return result.done ? { done: true, value: undefined } : { done: false, value: await map(result.value) };
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
