import { RevocationCache, RevocationFollower, type RevocationFeed } from './revocations';
import { createLogger } from './logger';

describe('RevocationCache', () => {
  test('knows what was added until it stops mattering, and tells listeners once per session', () => {
    const cache = new RevocationCache();
    const heard: string[] = [];
    cache.onRevoked((sessionId) => heard.push(sessionId));
    cache.add(
      [
        { sessionId: 'a', until: 2000 },
        { sessionId: 'b', until: 5000 },
      ],
      1000,
    );
    cache.add([{ sessionId: 'a', until: 2000 }], 1500);
    expect(cache.isRevoked('a')).toBe(true);
    expect(cache.isRevoked('c')).toBe(false);
    expect(heard).toEqual(['a', 'b']);
    // Once its last access token has expired, an entry is dropped at the next add.
    cache.add([], 3000);
    expect(cache.isRevoked('a')).toBe(false);
    expect(cache.isRevoked('b')).toBe(true);
    expect(cache.size).toBe(1);
  });
});

describe('RevocationFollower', () => {
  test('passes each answer’s clock back as the cursor, and keeps the set when the source fails', async () => {
    const cache = new RevocationCache();
    const cursors: Array<number | null> = [];
    const answers: Array<RevocationFeed | Error> = [
      { now: 100, revocations: [{ sessionId: 's1', until: Date.now() + 60_000 }] },
      new Error('unreachable'),
      { now: 300, revocations: [] },
    ];
    const follower = new RevocationFollower({
      cache,
      pollMs: 60_000,
      logger: createLogger('silent', 'test'),
      read: async (since) => {
        cursors.push(since);
        const answer = answers.shift()!;
        if (answer instanceof Error) throw answer;
        return answer;
      },
    });
    await follower.start();
    await follower.refresh();
    expect(cache.isRevoked('s1')).toBe(true);
    await follower.refresh();
    await follower.stop();
    expect(cursors).toEqual([null, 100, 100]);
  });
});
