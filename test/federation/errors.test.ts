/**
 * Errors, nulls and order, through our gateway and stock @apollo/gateway side by side: errors a
 * subgraph answers (path, code, extensions), null propagation through entities and lists,
 * mutations run in order across subgraphs, and a subgraph that is down.
 */
import { GraphQLError } from 'graphql';
import { startFederation, type Federation, type SubgraphSpec } from './harness';

const LINK = (imports: string[]) =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [${imports.map((i) => `"${i}"`).join(', ')}])`;

const ORDERS = [
  { id: 'o1', total: 30 },
  { id: 'o2', total: 45 },
  { id: 'o3', total: 12 },
];
/** Steps recorded by the mutations, by tag: each gateway records under its own. */
const steps = new Map<string, number[]>();
const record = (tag: string, step: number) => {
  const list = steps.get(tag) ?? [];
  list.push(step);
  steps.set(tag, list);
  return [...list];
};

const riskUnavailable = (id: string) => new GraphQLError(`risk unavailable for ${id}`, { extensions: { code: 'RISK_UNAVAILABLE', retryable: true } });

const orders: SubgraphSpec = {
  name: 'orders',
  typeDefs: `${LINK(['@key'])}
    type Query { orders: [Order!]! order(id: ID!): Order teapot: String strict: String! }
    type Mutation { record(tag: String!, step: Int!): [Int!]! }
    type Order @key(fields: "id") { id: ID! total: Int! }`,
  resolvers: {
    Query: {
      orders: () => ORDERS,
      order: (_: unknown, { id }: { id: string }) => ORDERS.find((o) => o.id === id) ?? null,
      teapot: () => {
        throw new GraphQLError('I am a teapot', { extensions: { code: 'TEAPOT' } });
      },
      strict: () => {
        throw new GraphQLError('strict failed', { extensions: { code: 'STRICT_FAILED' } });
      },
    },
    Mutation: { record: (_: unknown, { tag, step }: { tag: string; step: number }) => record(tag, step) },
    Order: { __resolveReference: (ref: { id: string }) => ORDERS.find((o) => o.id === ref.id) ?? null },
  },
};

/** Risk of each order: fails for o2, answers null where it must not for o3. */
const audit: SubgraphSpec = {
  name: 'audit',
  typeDefs: `${LINK(['@key'])}
    type Mutation { recordElsewhere(tag: String!, step: Int!): [Int!]! }
    type Order @key(fields: "id") { id: ID! risk: Int riskStrict: Int! notes: [String] }`,
  resolvers: {
    Mutation: { recordElsewhere: (_: unknown, { tag, step }: { tag: string; step: number }) => record(tag, step) },
    Order: {
      __resolveReference: (ref: { id: string }) => ref,
      risk: ({ id }: { id: string }) => {
        if (id === 'o2') throw riskUnavailable(id);
        return id === 'o1' ? 3 : 7;
      },
      riskStrict: ({ id }: { id: string }) => {
        if (id === 'o2') throw riskUnavailable(id);
        return id === 'o1' ? 3 : null;
      },
      notes: ({ id }: { id: string }) => (id === 'o1' ? ['fragile', null] : []),
    },
  },
};

/** Delivery estimates; stopped by the last tests. */
const shipping: SubgraphSpec = {
  name: 'shipping',
  typeDefs: `${LINK(['@key'])}
    type Query { carriers: [String!] }
    type Order @key(fields: "id") { id: ID! eta: String }`,
  resolvers: {
    Query: { carriers: () => ['post', 'courier'] },
    Order: { __resolveReference: (ref: { id: string }) => ({ ...ref, eta: `${ref.id}-tomorrow` }) },
  },
};

/** A service that answers HTTP 500 with a page of its own: its schema is real, its server is not. */
const broken: SubgraphSpec = {
  name: 'broken',
  typeDefs: `${LINK(['@key'])}
    type Query { brokenField: String }
    type Order @key(fields: "id") { id: ID! brokenNote: String }`,
  resolvers: {},
  answer: (_body, res) => void res.status(500).type('text/plain').send('Traceback: secret internals at /srv/app.py line 12'),
};

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation([orders, audit, shipping, broken]);
});

afterAll(async () => {
  await federation?.stop();
});

describe('errors from a subgraph', () => {
  test('a root field error keeps its path and code, and its siblings answer', async () => {
    const { data, errors } = await federation.same('{ teapot orders { id } }');
    expect(data).toEqual({ teapot: null, orders: [{ id: 'o1' }, { id: 'o2' }, { id: 'o3' }] });
    expect(errors).toEqual([{ message: 'I am a teapot', path: ['teapot'], extensions: { code: 'TEAPOT', serviceName: 'orders' } }]);
  });

  test('an error on a non-null root field nulls the whole data', async () => {
    const { data, errors } = await federation.same('{ strict orders { id } }');
    expect(data).toBeNull();
    expect(errors?.map((e) => e.path)).toEqual([['strict']]);
  });

  test('an entity field error has the path of the entity in the client operation, with its extensions', async () => {
    const { ours, stock } = await federation.both('{ orders { id risk } }');
    expect(ours.data).toEqual(stock.data);
    expect(ours.data).toEqual({
      orders: [
        { id: 'o1', risk: 3 },
        { id: 'o2', risk: null },
        { id: 'o3', risk: 7 },
      ],
    });
    expect(ours.errors).toEqual(stock.errors);
    expect(ours.errors).toEqual([
      {
        message: 'risk unavailable for o2',
        path: ['orders', 1, 'risk'],
        extensions: { code: 'RISK_UNAVAILABLE', retryable: true, serviceName: 'audit' },
      },
    ]);
  });

  test('identical operations at once each get the errors with their own paths', async () => {
    const query = '{ orders { id risk } }';
    const expected = await federation.same(query);
    const answers = await Promise.all(Array.from({ length: 6 }, () => federation.through('ours', query)));
    for (const answer of answers) expect({ data: answer.data, errors: answer.errors }).toEqual({ data: expected.data, errors: expected.errors });
  });

  test('an aliased field error carries the alias in its path', async () => {
    const { errors } = await federation.same('{ second: order(id: "o2") { danger: risk } }');
    expect(errors?.map((e) => e.path)).toEqual([['second', 'danger']]);
  });

  test('an error on a non-null entity field nulls the nearest nullable parent', async () => {
    const { data } = await federation.same('{ good: order(id: "o1") { riskStrict } bad: order(id: "o2") { id riskStrict } }');
    expect(data).toEqual({ good: { riskStrict: 3 }, bad: null });
  });

  test('a null that travels through a non-null list reaches the root', async () => {
    const { data, errors } = await federation.same('{ orders { id riskStrict } }');
    expect(data).toBeNull();
    expect(errors?.length).toBeGreaterThan(0);
  });

  test('a subgraph that answers null for a non-null field', async () => {
    const { data, errors } = await federation.same('{ order(id: "o3") { total riskStrict } }');
    expect(data).toEqual({ order: null });
    expect(errors?.length).toBe(1);
  });

  test('null items in a list of nullable strings pass as they are', async () => {
    const { data, errors } = await federation.same('{ order(id: "o1") { notes } }');
    expect(data).toEqual({ order: { notes: ['fragile', null] } });
    expect(errors).toBeUndefined();
  });
});

describe('a subgraph that answers HTTP 500', () => {
  test('its fields are null; ours says only "Internal server error", stock shows the status line', async () => {
    const { ours, stock } = await federation.both('{ brokenField order(id: "o1") { total brokenNote } }');
    expect(ours.data).toEqual(stock.data);
    expect(ours.data).toEqual({ brokenField: null, order: { total: 30, brokenNote: null } });
    expect(stock.errors?.map((e) => [e.message, e.path, e.extensions?.code])).toEqual([
      ['500: Internal Server Error', undefined, 'INTERNAL_SERVER_ERROR'],
      ['500: Internal Server Error', undefined, 'INTERNAL_SERVER_ERROR'],
    ]);
    // The service's own page, which stock passes in extensions.response.body, never reaches the client.
    expect(JSON.stringify(stock.errors)).toContain('secret internals');
    expect(ours.errors).toEqual([
      { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
  });
});

describe('mutations', () => {
  const SEQUENCE = `mutation($tag: String!) {
    first: record(tag: $tag, step: 1) second: recordElsewhere(tag: $tag, step: 2) third: record(tag: $tag, step: 3) fourth: recordElsewhere(tag: $tag, step: 4) }`;

  test('root mutation fields run one after another, across subgraphs, in document order', async () => {
    const ours = await federation.through('ours', SEQUENCE, { tag: 'ours' });
    const stock = await federation.through('stock', SEQUENCE, { tag: 'stock' });
    expect(ours.data).toEqual(stock.data);
    expect(ours.errors).toBeUndefined();
    expect(ours.data).toEqual({ first: [1], second: [1, 2], third: [1, 2, 3], fourth: [1, 2, 3, 4] });
  });

  test('the same mutation sent twice at once runs twice (never shared like a query)', async () => {
    const once = 'mutation($tag: String!) { record(tag: $tag, step: 1) }';
    const [a, b] = await Promise.all([federation.through('ours', once, { tag: 'twice' }), federation.through('ours', once, { tag: 'twice' })]);
    expect([a.data?.record, b.data?.record]).toEqual(expect.arrayContaining([[1], [1, 1]]));
    expect(steps.get('twice')).toEqual([1, 1]);
  });
});

describe('a subgraph that is down', () => {
  beforeAll(async () => {
    // It answers first, so the failures below are the stop's doing.
    expect((await federation.same('{ carriers order(id: "o1") { eta } }')).data).toEqual({
      carriers: ['post', 'courier'],
      order: { eta: 'o1-tomorrow' },
    });
    await federation.stopSubgraph('shipping');
  });

  test('its root field is null with an error, other subgraphs still answer', async () => {
    const { ours, stock } = await federation.both('{ carriers orders { id } }');
    expect(ours.data).toEqual(stock.data);
    expect(ours.data).toEqual({ carriers: null, orders: [{ id: 'o1' }, { id: 'o2' }, { id: 'o3' }] });
    // Stock answers one error without a path; ours puts it on the field that failed.
    expect(stock.errors).toEqual([expect.objectContaining({ extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
    expect(ours.errors).toEqual([
      {
        message: 'The shipping service did not answer (unreachable)',
        path: ['carriers'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'shipping' },
      },
    ]);
  });

  test('its entity fields are null with an error, the entities themselves still answer', async () => {
    const { ours, stock } = await federation.both('{ orders { id total eta } }');
    expect(ours.data).toEqual(stock.data);
    expect(ours.data).toEqual({
      orders: [
        { id: 'o1', total: 30, eta: null },
        { id: 'o2', total: 45, eta: null },
        { id: 'o3', total: 12, eta: null },
      ],
    });
    expect(stock.errors).toHaveLength(1);
    expect(ours.errors?.map((e) => e.path)).toEqual([
      ['orders', 0],
      ['orders', 1],
      ['orders', 2],
    ]);
  });
});
