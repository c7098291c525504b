/**
 * The gateway's response cache (gateway/responseCache.ts): first its bounds, expiry and rules on
 * a clock of the test's, then through the whole stack, counting the calls each subgraph gets
 * (its /metrics `graphql_requests_total`) and the cache's own hits and misses (the gateway's).
 */
import type { GatewayExecutionResult, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { parse, type OperationDefinitionNode } from 'graphql';
import type { ServedGateway } from './serve';
import { DEMO, codes, eventually, startGatewayBeside, startTestStack, type GraphQLResponse, type TestStack } from '../test/stack';
import { ResponseCache, type Asker } from './responseCache';

describe('the cache on its own', () => {
  type Hint = { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' };

  /** Apollo's cache policy arithmetic (@apollo/server's newCachePolicy), as a request carries it. */
  function cachePolicy() {
    return {
      maxAge: undefined as number | undefined,
      scope: undefined as Hint['scope'],
      restrict(hint: Hint) {
        if (hint.maxAge !== undefined && (this.maxAge === undefined || hint.maxAge < this.maxAge)) this.maxAge = hint.maxAge;
        if (hint.scope !== undefined && this.scope !== 'PRIVATE') this.scope = hint.scope;
      },
      replace(hint: Hint) {
        if (hint.maxAge !== undefined) this.maxAge = hint.maxAge;
        if (hint.scope !== undefined) this.scope = hint.scope;
      },
      policyIfCacheable() {
        return this.maxAge ? { maxAge: this.maxAge, scope: this.scope ?? 'PUBLIC' } : null;
      },
    };
  }

  type TestContext = Omit<GatewayGraphQLRequestContext, 'overallCachePolicy' | 'response'> & {
    overallCachePolicy: ReturnType<typeof cachePolicy>;
    response: { http: { headers: Headers } };
  };

  function requestContext(query: string, variables: Record<string, unknown> = {}) {
    const operation = parse(query).definitions[0] as OperationDefinitionNode;
    return {
      operation,
      queryHash: query,
      operationName: operation.name?.value ?? null,
      request: { query, variables },
      overallCachePolicy: cachePolicy(),
      metrics: {},
      response: { http: { headers: new Headers() } },
    } as unknown as TestContext;
  }

  const student: Asker = { role: 'STUDENT', userId: 'u1', ownerDependent: false };
  let clock = 0;
  let runs = 0;
  const make = (limits: Partial<{ maxEntries: number; maxBytes: number }> = {}) =>
    new ResponseCache({ enabled: true, maxEntries: 100, maxBytes: 1_000_000, ...limits }, { now: () => clock });

  /** A subgraph answer that may be reused for `maxAge` seconds. */
  const answering =
    (context: TestContext, data: Record<string, unknown>, hint: Hint = { maxAge: 10, scope: 'PUBLIC' }, errors?: unknown[]) =>
    async (): Promise<GatewayExecutionResult> => {
      runs++;
      context.overallCachePolicy.restrict(hint);
      return { data, ...(errors ? { errors } : {}) } as GatewayExecutionResult;
    };

  async function ask(cache: ResponseCache, query: string, asker: Asker | null = student, hint?: Hint, errors?: unknown[]) {
    const context = requestContext(query);
    const result = await cache.execute(context, asker, answering(context, { asked: query }, hint, errors));
    return { result, context };
  }

  beforeEach(() => {
    clock = 1_000_000;
    runs = 0;
  });

  test('a kept answer is served until its maxAge, with the policy it was kept under and its age', async () => {
    const cache = make();
    await ask(cache, '{ a }');
    clock += 9_999;
    const { result, context } = await ask(cache, '{ a }');
    expect(runs).toBe(1);
    expect(result.data).toEqual({ asked: '{ a }' });
    expect(context.overallCachePolicy.policyIfCacheable()).toEqual({ maxAge: 10, scope: 'PUBLIC' });
    expect(context.response.http.headers.get('age')).toBe('10');
    clock += 1;
    await ask(cache, '{ a }');
    expect(runs).toBe(2);
  });

  test('answers with errors, with maxAge 0 or with no policy are never kept', async () => {
    const cache = make();
    for (const [hint, errors] of [[{ maxAge: 10 }, [{ message: 'failed' }]], [{ maxAge: 0 }], [{}]] as Array<[Hint, unknown[]?]>) {
      await ask(cache, '{ a }', student, hint, errors);
      await ask(cache, '{ a }', student, hint, errors);
    }
    expect(runs).toBe(6);
    expect(cache.size.entries).toBe(0);
  });

  test('the least recently used answer goes first, by count and by bytes', async () => {
    const byCount = make({ maxEntries: 2 });
    await ask(byCount, '{ a }');
    await ask(byCount, '{ b }');
    await ask(byCount, '{ a }'); // a hit: now `b` is the least recently used
    await ask(byCount, '{ c }');
    expect(runs).toBe(3);
    await ask(byCount, '{ a }');
    expect(runs).toBe(3);
    await ask(byCount, '{ b }');
    expect(runs).toBe(4);

    const measure = make();
    await ask(measure, '{ a }');
    const oneEntry = measure.size.bytes;
    const byBytes = make({ maxBytes: Math.floor(2.5 * oneEntry) });
    for (const field of ['a', 'b', 'c', 'd']) await ask(byBytes, `{ ${field} }`);
    expect(byBytes.size).toEqual({ entries: 2, bytes: 2 * oneEntry });
    runs = 0;
    await ask(byBytes, '{ d }');
    await ask(byBytes, '{ b }');
    expect(runs).toBe(1);
    // An answer larger than the whole cache is not kept, and pushes nothing out.
    await ask(byBytes, `{ ${'x'.repeat(3 * oneEntry)} }`);
    expect(byBytes.size.entries).toBe(2);
  });

  test('PRIVATE answers are kept for their user only, and never for an anonymous caller', async () => {
    const cache = make();
    const other: Asker = { ...student, userId: 'u2' };
    await ask(cache, '{ mine }', student, { maxAge: 10, scope: 'PRIVATE' });
    await ask(cache, '{ mine }', student, { maxAge: 10, scope: 'PRIVATE' });
    await ask(cache, '{ mine }', other, { maxAge: 10, scope: 'PRIVATE' });
    expect(runs).toBe(2);
    const anonymous: Asker = { role: null, userId: null, ownerDependent: false };
    await ask(cache, '{ mine }', anonymous, { maxAge: 10, scope: 'PRIVATE' });
    await ask(cache, '{ mine }', anonymous, { maxAge: 10, scope: 'PRIVATE' });
    expect(runs).toBe(4);
  });

  test('operations whose @auth rules look at the caller are kept per user, whatever the scope', async () => {
    const cache = make();
    const owner = (userId: string): Asker => ({ role: 'STUDENT', userId, ownerDependent: true });
    await ask(cache, '{ user { id } }', owner('u1'));
    await ask(cache, '{ user { id } }', owner('u1'));
    await ask(cache, '{ user { id } }', owner('u2'));
    expect(runs).toBe(2);
  });

  test('a query that overlapped a mutation is not kept, and a mutation empties the cache', async () => {
    const cache = make();
    await ask(cache, '{ a }');
    const context = requestContext('{ b }');
    let answer!: () => void;
    const slow = cache.execute(context, student, async () => {
      await new Promise<void>((resolve) => (answer = resolve));
      return answering(context, { asked: 'b' })();
    });
    await ask(cache, 'mutation { change }', student, { maxAge: 0 });
    answer();
    await slow;
    expect(cache.size.entries).toBe(0);
    await ask(cache, '{ a }');
    await ask(cache, '{ b }');
    expect(runs).toBe(5);
  });

  test('variables too deeply nested to write as a key are run uncached, for the executor to judge', async () => {
    const cache = make();
    const deep = JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`) as unknown;
    const context = requestContext('query($c: [Int]) { a(c: $c) }', { c: deep });
    const result = await cache.execute(context, student, answering(context, { a: 1 }));
    expect(result.data).toEqual({ a: 1 });
    expect(cache.size.entries).toBe(0);
  });

  test('denied answers (asker null) and the switched-off cache neither serve nor keep', async () => {
    const cache = make();
    await ask(cache, '{ a }', null);
    await ask(cache, '{ a }', null);
    const off = new ResponseCache({ enabled: false, maxEntries: 100, maxBytes: 1_000_000 });
    await ask(off, '{ a }');
    await ask(off, '{ a }');
    expect(runs).toBe(4);
    const writesBefore = off.writes;
    await ask(off, 'mutation { change }');
    expect(off.writes).toBeGreaterThan(writesBefore);
  });
});

describe('through the gateway', () => {
  let stack: TestStack;
  let student: { accessToken: string; userId: string };
  let faculty: { accessToken: string; userId: string };
  let admin: string;

  beforeAll(async () => {
    stack = await startTestStack();
    student = await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password);
    faculty = await stack.login(DEMO.FACULTY.email, DEMO.FACULTY.password);
    admin = (await stack.login(DEMO.ADMIN.email, DEMO.ADMIN.password)).accessToken;
  });

  afterAll(async () => {
    await stack?.close();
  });

  const GPA = 'query CachedGpa($classes: [GpaClassInput!]!) { calculateGpa(classes: $classes) { gpa totalWeight classCount } }';
  const CLASSES = [
    { grade: 'A', weight: 3 },
    { grade: 'B', weight: 2 },
  ];
  const ROOMS = 'query CachedRooms { rooms(limit: 100) { id name capacity } }';

  interface Answer {
    status: number;
    headers: Headers;
    body: GraphQLResponse;
  }

  async function post(url: string, query: string, variables: Record<string, unknown>, token?: string | null): Promise<Answer> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
    return { status: response.status, headers: response.headers, body: { ...body, status: response.status } };
  }

  const call = (query: string, variables: Record<string, unknown>, token?: string | null) => post(stack.gatewayUrl, query, variables, token);

  /** The sum of the counters named `name` at a service's /metrics. */
  async function counter(serviceUrl: string, name: string): Promise<number> {
    const text = await (await fetch(new URL('/metrics', serviceUrl))).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  }

  /** Operations the subgraph has executed so far. */
  const subgraphCalls = (name: 'gpa' | 'booking') => counter(stack.system.subgraphUrls[name], 'graphql_requests_total');
  const lookups = async (gatewayUrl = stack.gatewayUrl) => ({
    hits: await counter(gatewayUrl, 'graphql_response_cache_hits_total'),
    misses: await counter(gatewayUrl, 'graphql_response_cache_misses_total'),
  });

  /** How many calls `subgraph` gets while `act` runs. */
  async function callsDuring(subgraph: 'gpa' | 'booking', act: () => Promise<unknown>): Promise<number> {
    const before = await subgraphCalls(subgraph);
    await act();
    return (await subgraphCalls(subgraph)) - before;
  }

  test('a repeated calculateGpa is answered without a second gpa call, with the same data and headers', async () => {
    const before = await lookups();
    let first!: Answer;
    let second!: Answer;
    const calls = await callsDuring('gpa', async () => {
      first = await call(GPA, { classes: CLASSES }, student.accessToken);
      second = await call(GPA, { classes: CLASSES }, student.accessToken);
    });
    expect(calls).toBe(1);
    expect(first.body.data).toEqual({ calculateGpa: { gpa: 3.6, totalWeight: 5, classCount: 2 } });
    expect(second.body.data).toEqual(first.body.data);
    // Apollo's own cache-control plugin sends the policy; the kept answer also says its age.
    expect(first.headers.get('cache-control')).toBe('max-age=3600, public');
    expect(second.headers.get('cache-control')).toBe('max-age=3600, public');
    expect(first.headers.get('age')).toBeNull();
    expect(second.headers.get('age')).toMatch(/^\d+$/);
    expect(await lookups()).toEqual({ hits: before.hits + 1, misses: before.misses + 1 });
  });

  test('other variables, another role or another person of a PRIVATE answer get their own answer', async () => {
    const classes = [{ grade: 'C', weight: 1 }];
    const gpaCalls = await callsDuring('gpa', async () => {
      await call(GPA, { classes }, student.accessToken);
      await call(GPA, { classes }, student.accessToken);
      await call(GPA, { classes }, faculty.accessToken);
      await call(GPA, { classes }, faculty.accessToken);
    });
    expect(gpaCalls).toBe(2);
    const other = await stack.newUser('STUDENT');
    let mine!: Answer;
    const roomCalls = await callsDuring('booking', async () => {
      mine = await call(ROOMS, {}, student.accessToken);
      await call(ROOMS, {}, student.accessToken);
      await call(ROOMS, {}, other.accessToken);
    });
    expect(roomCalls).toBe(2);
    expect(mine.headers.get('cache-control')).toBe('max-age=5, private');
  });

  test('a revoked token is refused although an answer to its exact request is kept', async () => {
    const { accessToken, refreshToken } = await stack.newUser('STUDENT');
    const classes = [{ grade: 'A-', weight: 2 }];
    expect((await call(GPA, { classes }, accessToken)).body.data).toBeTruthy();
    const logout = await call('mutation($t: String!) { logout(refreshToken: $t) }', { t: refreshToken }, accessToken);
    expect(logout.body.errors).toBeUndefined();
    // The logout emptied the cache: another student's asking keeps the answer again.
    const otherStudent = await stack.newUser('STUDENT');
    await call(GPA, { classes }, otherStudent.accessToken);
    const before = await lookups();
    expect((await call(GPA, { classes }, otherStudent.accessToken)).body.data).toBeTruthy();
    expect((await lookups()).hits).toBe(before.hits + 1);
    // The gateway learns of the revocation from its feed; until then the token is still good.
    await eventually(async () => expect(codes((await call(GPA, { classes }, accessToken)).body)).toEqual(['UNAUTHENTICATED']));
    const beforeRefusal = await lookups();
    const refused = await call(GPA, { classes }, accessToken);
    expect(codes(refused.body)).toEqual(['UNAUTHENTICATED']);
    expect(refused.body.data?.calculateGpa ?? null).toBeNull();
    expect(await lookups()).toEqual(beforeRefusal);
  });

  test('roles the field refuses are refused, never served what another role was answered', async () => {
    const classes = [{ grade: 'B-', weight: 3 }];
    await call(GPA, { classes }, student.accessToken);
    const before = await lookups();
    const asAdmin = await call(GPA, { classes }, admin);
    const anonymous = await call(GPA, { classes }, null);
    expect(codes(asAdmin.body)).toEqual(['FORBIDDEN']);
    expect(codes(anonymous.body)).toEqual(['UNAUTHENTICATED']);
    expect(asAdmin.headers.get('cache-control')).toBe('no-store');
    expect(await lookups()).toEqual(before);
  });

  test('a query over the cost limit is refused before the cache is asked', async () => {
    const query = 'query CostlyRooms($n: Int) { rooms(limit: $n) { id name } }';
    const costOf = async (n: number) => {
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${student.accessToken}`, 'x-graphql-cost': 'true' },
        body: JSON.stringify({ query, variables: { n } }),
      });
      return ((await response.json()) as { extensions: { cost: { estimated: number } } }).extensions.cost.estimated;
    };
    const limit = await costOf(5);
    expect(await costOf(100)).toBeGreaterThan(limit);
    const strict: ServedGateway = await startGatewayBeside(stack, { MAX_QUERY_COST: String(limit) });
    try {
      const gatewayUrl = strict.url;
      await post(gatewayUrl, query, { n: 5 }, student.accessToken);
      const kept = await post(gatewayUrl, query, { n: 5 }, student.accessToken);
      expect(kept.headers.get('age')).not.toBeNull();
      const before = await lookups(gatewayUrl);
      const costly = await post(gatewayUrl, query, { n: 100 }, student.accessToken);
      expect(costly.status).toBe(400);
      expect(codes(costly.body)).toEqual(['MAX_COST_EXCEEDED']);
      expect(await lookups(gatewayUrl)).toEqual(before);
    } finally {
      await strict.stop();
    }
  });

  test('a query selecting outOfService is never kept, though the same rooms without it are', async () => {
    const without = await callsDuring('booking', async () => {
      await call('query RoomsPlain { rooms { id name } }', {}, faculty.accessToken);
      await call('query RoomsPlain { rooms { id name } }', {}, faculty.accessToken);
    });
    expect(without).toBe(1);
    let answer!: Answer;
    const withIt = await callsDuring('booking', async () => {
      await call('query RoomsInService { rooms { id name outOfService } }', {}, faculty.accessToken);
      answer = await call('query RoomsInService { rooms { id name outOfService } }', {}, faculty.accessToken);
    });
    expect(withIt).toBe(2);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  test('a mutation through the gateway drops every kept answer: a new room shows at once', async () => {
    const first = await call(ROOMS, {}, student.accessToken);
    const kept = await call(ROOMS, {}, student.accessToken);
    expect(kept.headers.get('age')).not.toBeNull();
    const name = `Cache test room ${Date.now()}`;
    const created = await call('mutation($i: RoomInput!) { createRoom(input: $i) { id } }', { i: { name, capacity: 7 } }, admin);
    expect(created.body.errors).toBeUndefined();
    const after = await call(ROOMS, {}, student.accessToken);
    const names = (rooms: Answer) => (rooms.body.data!.rooms as Array<{ name: string }>).map((room) => room.name);
    expect(names(first)).not.toContain(name);
    expect(names(after)).toContain(name);
    expect(after.headers.get('age')).toBeNull();
  });

  test('an answer is served until its maxAge has passed, then asked for again', async () => {
    const query = 'query ExpiringRooms { rooms { id capacity } }';
    await call(query, {}, faculty.accessToken);
    const kept = await callsDuring('booking', () => call(query, {}, faculty.accessToken));
    expect(kept).toBe(0);
    // rooms may be reused for 5 seconds: some call after that goes to the subgraph again.
    await eventually(async () => expect(await callsDuring('booking', () => call(query, {}, faculty.accessToken))).toBe(1), 15_000, 500);
  });

  test("an answer with errors is never kept: another person's record beside a cacheable field", async () => {
    const query = 'query GpaAndOther($c: [GpaClassInput!]!, $id: ID!) { calculateGpa(classes: $c) { gpa } user(id: $id) { id } }';
    const classes = [{ grade: 'D', weight: 1 }];
    const variables = { c: classes, id: faculty.userId };
    let answer!: Answer;
    const calls = await callsDuring('gpa', async () => {
      await call(query, variables, student.accessToken);
      answer = await call(query, variables, student.accessToken);
    });
    expect(calls).toBe(2);
    expect(codes(answer.body)).toEqual(['FORBIDDEN']);
    expect(answer.body.data?.calculateGpa).toEqual({ gpa: 1 });
  });

  test('GATEWAY_RESPONSE_CACHE=false keeps nothing', async () => {
    const off = await startGatewayBeside(stack, { GATEWAY_RESPONSE_CACHE: 'false' });
    try {
      const classes = [{ grade: 'F', weight: 2 }];
      const calls = await callsDuring('gpa', async () => {
        await post(off.url, GPA, { classes }, student.accessToken);
        await post(off.url, GPA, { classes }, student.accessToken);
      });
      expect(calls).toBe(2);
      expect(await lookups(off.url)).toEqual({ hits: 0, misses: 0 });
    } finally {
      await off.stop();
    }
  });
});
