/**
 * @override (plain and progressive), @inaccessible, @tag and @shareable, and how operations are
 * picked and refused, through our gateway and stock @apollo/gateway side by side.
 */
import { startFederation, type Federation, type SubgraphSpec } from './harness';

const LINK = (imports: string[]) =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [${imports.map((i) => `"${i}"`).join(', ')}])`;

const ACCOUNTS = [
  { id: 'x1', displayName: 'Ada', internalScore: 81, status: 'ACTIVE' },
  { id: 'x2', displayName: 'Bo', internalScore: 35, status: 'LEGACY' },
  { id: 'x3', displayName: 'Cy', internalScore: 60, status: 'CLOSED' },
];
const accountById = (id: string) => ACCOUNTS.find((a) => a.id === id) ?? null;

/** Where accounts started: its plan, region and tier have moved (or are moving) to billing. */
const legacy: SubgraphSpec = {
  name: 'legacy',
  typeDefs: `${LINK(['@key', '@shareable', '@inaccessible', '@tag'])}
    type Query { accounts: [Account!]! account(id: ID!): Account accountsWith(status: Status): [Account!]! apiVersion: String! @shareable }
    enum Status { ACTIVE CLOSED LEGACY @inaccessible }
    type Account @key(fields: "id") {
      id: ID!
      displayName: String! @shareable @tag(name: "public")
      plan: String!
      region: String!
      tier: String!
      internalScore: Int! @inaccessible
      status: Status!
    }`,
  resolvers: {
    Query: {
      accounts: () => ACCOUNTS,
      account: (_: unknown, { id }: { id: string }) => accountById(id),
      accountsWith: (_: unknown, { status }: { status?: string }) => ACCOUNTS.filter((a) => !status || a.status === status),
      apiVersion: () => 'v1',
    },
    Account: {
      __resolveReference: (ref: { id: string }) => accountById(ref.id),
      plan: () => 'legacy-plan',
      region: () => 'legacy-region',
      tier: () => 'legacy-tier',
    },
  },
};

/** Billing: took the plan over, and the region and tier progressively (labels at 100% and 0%). */
const billing: SubgraphSpec = {
  name: 'billing',
  typeDefs: `${LINK(['@key', '@shareable', '@override', '@external', '@requires', '@tag'])}
    type Query { topBalances: [Account!]! apiVersion: String! @shareable }
    type Mutation { credit(id: ID!, amount: Int!): Account }
    type Account @key(fields: "id") {
      id: ID!
      displayName: String! @shareable
      plan: String! @override(from: "legacy")
      region: String! @override(from: "legacy", label: "percent(100)")
      tier: String! @override(from: "legacy", label: "percent(0)")
      balance: Int! @tag(name: "finance")
      internalScore: Int! @external
      riskBand: String! @requires(fields: "internalScore")
    }`,
  resolvers: {
    Query: { topBalances: () => [{ id: 'x3' }, { id: 'x1' }], apiVersion: () => 'v1' },
    Mutation: { credit: (_: unknown, { id }: { id: string }) => (accountById(id) ? { id } : null) },
    Account: {
      __resolveReference: (ref: { id: string }) => ref,
      displayName: (account: { id: string }) => accountById(account.id)!.displayName,
      plan: (account: { id: string }) => (account.id === 'x1' ? 'pro' : 'basic'),
      region: () => 'billing-region',
      tier: () => 'billing-tier',
      balance: (account: { id: string }) => account.id.charCodeAt(1) * 10,
      riskBand: (account: { internalScore: number }) => (account.internalScore >= 60 ? 'low' : 'high'),
    },
  },
};

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation([legacy, billing]);
});

afterAll(async () => {
  await federation?.stop();
});

describe('@override', () => {
  test('an overridden field is answered by the subgraph that took it over', async () => {
    const { data } = await federation.same('{ accounts { id plan } }');
    expect(data).toEqual({
      accounts: [
        { id: 'x1', plan: 'pro' },
        { id: 'x2', plan: 'basic' },
        { id: 'x3', plan: 'basic' },
      ],
    });
  });

  test('progressive override: @apollo/gateway plans every label as off, so the old subgraph answers', async () => {
    // Its query planner starts each label at false and the gateway never sets one (Router does).
    const { data } = await federation.same('{ account(id: "x2") { region tier } }');
    expect(data).toEqual({ account: { region: 'legacy-region', tier: 'legacy-tier' } });
  });

  test('an overridden field reached from the new subgraph needs no fetch to the old one', async () => {
    federation.takeReceived();
    const { data } = await federation.same('{ topBalances { id plan balance } }');
    expect(data).toEqual({
      topBalances: [
        { id: 'x3', plan: 'basic', balance: 510 },
        { id: 'x1', plan: 'pro', balance: 490 },
      ],
    });
    expect(federation.takeReceived().legacy).toEqual([]);
  });
});

describe('@inaccessible and @tag', () => {
  test('an inaccessible field is not in the API schema, and asking for it is a validation error', async () => {
    const { ours, stock } = await federation.both('{ accounts { internalScore } }');
    expect(ours.data).toBeUndefined();
    expect(stock.data).toBeUndefined();
    expect(ours.errors?.map((e) => [e.message, e.extensions?.code])).toEqual(stock.errors?.map((e) => [e.message, e.extensions?.code]));
    expect(ours.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('an inaccessible field still serves as a requirement', async () => {
    const { data } = await federation.same('{ accounts { id riskBand } }');
    expect(data).toEqual({
      accounts: [
        { id: 'x1', riskBand: 'low' },
        { id: 'x2', riskBand: 'high' },
        { id: 'x3', riskBand: 'low' },
      ],
    });
  });

  test('an inaccessible enum value is hidden from introspection and cannot be sent', async () => {
    const { data } = await federation.same('{ __type(name: "Status") { enumValues { name } } }');
    expect(data).toEqual({ __type: { enumValues: [{ name: 'ACTIVE' }, { name: 'CLOSED' }] } });
    const { ours, stock } = await federation.both('{ accountsWith(status: LEGACY) { id } }');
    expect(ours.data).toEqual(stock.data);
    expect(ours.errors?.length).toBe(1);
    expect(stock.errors?.length).toBe(1);
  });

  test('a value that an inaccessible enum value would name nulls its field, reported in extensions.valueCompletion', async () => {
    const { ours, stock } = await federation.both('{ account(id: "x2") { id status } }');
    expect(ours.data).toEqual(stock.data);
    expect(ours.data).toEqual({ account: null });
    expect(ours.errors).toBeUndefined();
    expect(stock.errors).toBeUndefined();
    expect(ours.extensions?.valueCompletion).toEqual(stock.extensions?.valueCompletion);
    expect(ours.extensions?.valueCompletion).toEqual([expect.objectContaining({ path: ['account', 'status'] })]);
  });

  test('a @shareable root field that two subgraphs resolve, beside fields of each', async () => {
    const { data } = await federation.same('{ apiVersion topBalances { id } account(id: "x1") { displayName } }');
    expect(data).toEqual({ apiVersion: 'v1', topBalances: [{ id: 'x3' }, { id: 'x1' }], account: { displayName: 'Ada' } });
  });

  test('tagged fields are ordinary fields', async () => {
    const { data } = await federation.same('{ account(id: "x1") { displayName balance status } }');
    expect(data).toEqual({ account: { displayName: 'Ada', balance: 490, status: 'ACTIVE' } });
  });
});

describe('choosing and refusing operations', () => {
  const TWO = 'query Names { accounts { displayName } } query Plans { accounts { plan } }';

  test('operationName picks one of several operations', async () => {
    const ours = await fetchJson('ours', { query: TWO, operationName: 'Plans' });
    const stock = await fetchJson('stock', { query: TWO, operationName: 'Plans' });
    expect(ours.data).toEqual(stock.data);
    expect(ours.data).toEqual({ accounts: [{ plan: 'pro' }, { plan: 'basic' }, { plan: 'basic' }] });
  });

  test('a mutation returning an entity completes it from the other subgraph', async () => {
    const { data } = await federation.same(
      'mutation { credit(id: "x3", amount: 5) { displayName riskBand plan } none: credit(id: "zz", amount: 1) { id } }',
    );
    expect(data).toEqual({ credit: { displayName: 'Cy', riskBand: 'low', plan: 'basic' }, none: null });
  });

  test('a missing required variable is refused alike', async () => {
    const { ours, stock } = await federation.both('query($id: ID!) { account(id: $id) { id } }', {});
    expect(ours.data).toEqual(stock.data);
    expect(ours.errors?.map((e) => [e.message, e.extensions?.code])).toEqual(stock.errors?.map((e) => [e.message, e.extensions?.code]));
    expect(ours.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('a literal argument of the wrong type: ours answers BAD_USER_INPUT naming it, stock a validation failure', async () => {
    const { ours, stock } = await federation.both('{ account(id: 1.5) { id } }');
    expect(ours.data).toEqual(stock.data);
    expect(stock.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(ours.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([[`id: ${stock.errors![0].message}`, 'BAD_USER_INPUT']]);
  });
});

async function fetchJson(which: 'ours' | 'stock', body: Record<string, unknown>) {
  const response = await fetch(federation.urls[which], {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}
