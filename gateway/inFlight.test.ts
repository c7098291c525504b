import { InFlightQueries } from './inFlight';

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe('InFlightQueries', () => {
  test('calls with one key while the first runs share it, each with its own copy', async () => {
    const queries = new InFlightQueries<{ rooms: number[] }>(structuredClone);
    const answer = deferred<{ rooms: number[] }>();
    let calls = 0;
    const call = () => (calls++, answer.promise);
    const results = [queries.run('k', call), queries.run('k', call), queries.run('k', call)];
    expect(queries.size).toBe(1);
    answer.resolve({ rooms: [1, 2] });
    const [a, b, c] = await Promise.all(results);
    expect(calls).toBe(1);
    expect([a, b, c]).toEqual([{ rooms: [1, 2] }, { rooms: [1, 2] }, { rooms: [1, 2] }]);
    a.rooms.push(3);
    expect(b.rooms).toEqual([1, 2]);
    expect(c).not.toBe(b);
  });

  test('other keys, and calls after the first settled, run on their own', async () => {
    const queries = new InFlightQueries<{ n: number }>(structuredClone);
    let calls = 0;
    const call = async () => ({ n: ++calls });
    expect(await Promise.all([queries.run('a', call), queries.run('b', call)])).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await queries.run('a', call)).toEqual({ n: 3 });
    expect(queries.size).toBe(0);
  });

  test('a failure reaches every sharer and is not kept', async () => {
    const queries = new InFlightQueries<{ n: number }>(structuredClone);
    const answer = deferred<{ n: number }>();
    const both = [queries.run('k', () => answer.promise), queries.run('k', () => answer.promise)];
    answer.reject(new Error('down'));
    for (const result of both) await expect(result).rejects.toThrow('down');
    expect(queries.size).toBe(0);
  });
});
