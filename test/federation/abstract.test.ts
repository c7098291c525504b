/**
 * Abstract types across subgraphs, through our gateway and stock @apollo/gateway side by side:
 * an entity interface (@key on the interface) extended by two @interfaceObject subgraphs, a
 * union of entities returned by a subgraph that does not resolve them, a union merged from two
 * subgraphs, and fragments on all of them. Four subgraphs.
 */
import { startFederation, type Federation, type SubgraphSpec } from './harness';

const LINK = (imports: string[]) =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [${imports.map((i) => `"${i}"`).join(', ')}])`;

const ITEMS = [
  { __typename: 'Novel', id: 'n1', title: 'Dune', pages: 412 },
  { __typename: 'Film', id: 'f1', title: 'Alien', minutes: 117 },
  { __typename: 'Novel', id: 'n2', title: 'Emma', pages: 474 },
  { __typename: 'Film', id: 'f2', title: 'Heat', minutes: 170 },
];
const STARS: Record<string, number> = { n1: 5, f1: 5, n2: 4, f2: 3 };
const MEMBERS = [
  { id: 'm1', name: 'Ada', borrowed: ['n1', 'f2'], favourite: 'f1' },
  { id: 'm2', name: 'Bo', borrowed: ['f1'], favourite: null },
  { id: 'm3', name: 'Cy', borrowed: [], favourite: 'n2' },
];

const itemById = (id: string) => ITEMS.find((i) => i.id === id) ?? null;
const typenameOf = (id: string) => itemById(id)!.__typename;

/** The items themselves: an entity interface and its two implementations, and a search. */
const library: SubgraphSpec = {
  name: 'library',
  typeDefs: `${LINK(['@key'])}
    type Query { items: [Item!]! item(id: ID!): Item search(term: String!): [Result!]! }
    interface Item @key(fields: "id") { id: ID! title: String! }
    type Novel implements Item @key(fields: "id") { id: ID! title: String! pages: Int! }
    type Film implements Item @key(fields: "id") { id: ID! title: String! minutes: Int! }
    union Result = Novel | Film`,
  resolvers: {
    Query: {
      items: () => ITEMS,
      item: (_: unknown, { id }: { id: string }) => itemById(id),
      search: (_: unknown, { term }: { term: string }) => ITEMS.filter((i) => i.title.toLowerCase().includes(term.toLowerCase())),
    },
    Item: { __resolveReference: (ref: { id: string }) => itemById(ref.id) },
    Novel: { __resolveReference: (ref: { id: string }) => itemById(ref.id) },
    Film: { __resolveReference: (ref: { id: string }) => itemById(ref.id) },
  },
};

/** Ratings of any item, without knowing which kind each is (@interfaceObject). */
const ratings: SubgraphSpec = {
  name: 'ratings',
  typeDefs: `${LINK(['@key', '@interfaceObject'])}
    type Query { topRated(min: Int!): [Item!]! }
    type Item @key(fields: "id") @interfaceObject { id: ID! stars: Int! }`,
  resolvers: {
    Query: {
      topRated: (_: unknown, { min }: { min: number }) =>
        Object.entries(STARS)
          .filter(([, stars]) => stars >= min)
          .map(([id]) => ({ id })),
    },
    Item: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, stars: STARS[ref.id] }), stars: (item: { id: string }) => STARS[item.id] },
  },
};

/** Members: a favourite item, and who borrowed each item (@interfaceObject), found by name. */
const members: SubgraphSpec = {
  name: 'members',
  typeDefs: `${LINK(['@key', '@interfaceObject'])}
    type Query { members: [Member!]! lookup(term: String!): [Result!]! }
    type Member @key(fields: "id") { id: ID! name: String! favourite: Item }
    type Item @key(fields: "id") @interfaceObject { id: ID! borrowedBy: [Member!]! }
    union Result = Member`,
  resolvers: {
    Query: {
      members: () => MEMBERS,
      lookup: (_: unknown, { term }: { term: string }) => MEMBERS.filter((m) => m.name.toLowerCase().includes(term.toLowerCase())),
    },
    Member: {
      __resolveReference: (ref: { id: string }) => MEMBERS.find((m) => m.id === ref.id) ?? null,
      favourite: (member: (typeof MEMBERS)[number]) => (member.favourite ? { id: member.favourite } : null),
    },
    Result: { __resolveType: () => 'Member' },
    Item: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      borrowedBy: (item: { id: string }) => MEMBERS.filter((m) => m.borrowed.includes(item.id)),
    },
  },
};

/** Loans: what each member borrowed, a union of entities this subgraph knows only by key. */
const loans: SubgraphSpec = {
  name: 'loans',
  typeDefs: `${LINK(['@key'])}
    type Member @key(fields: "id") { id: ID! borrowed: [Media!]! }
    type Novel @key(fields: "id", resolvable: false) { id: ID! }
    type Film @key(fields: "id", resolvable: false) { id: ID! }
    union Media = Novel | Film`,
  resolvers: {
    Member: {
      __resolveReference: (ref: { id: string }) => MEMBERS.find((m) => m.id === ref.id) ?? null,
      borrowed: (member: (typeof MEMBERS)[number]) => member.borrowed.map((id) => ({ __typename: typenameOf(id), id })),
    },
    Media: { __resolveType: (media: { __typename: string }) => media.__typename },
  },
};

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation([library, ratings, members, loans]);
});

afterAll(async () => {
  await federation?.stop();
});

describe('interfaces', () => {
  test('an interface list with fields of each implementation', async () => {
    const { data } = await federation.same('{ items { __typename id title ... on Novel { pages } ... on Film { minutes } } }');
    expect(data).toEqual({
      items: [
        { __typename: 'Novel', id: 'n1', title: 'Dune', pages: 412 },
        { __typename: 'Film', id: 'f1', title: 'Alien', minutes: 117 },
        { __typename: 'Novel', id: 'n2', title: 'Emma', pages: 474 },
        { __typename: 'Film', id: 'f2', title: 'Heat', minutes: 170 },
      ],
    });
  });

  test('named fragments on the interface and on an implementation', async () => {
    const { data } = await federation.same(`
      { item(id: "f2") { ...Basics ...Long } other: item(id: "n1") { ...Basics ...Long } missing: item(id: "zz") { ...Basics } }
      fragment Basics on Item { id title }
      fragment Long on Film { minutes }`);
    expect(data).toEqual({ item: { id: 'f2', title: 'Heat', minutes: 170 }, other: { id: 'n1', title: 'Dune' }, missing: null });
  });

  test('a field of an @interfaceObject subgraph on every implementation', async () => {
    const { data } = await federation.same('{ items { title stars } }');
    expect(data).toEqual({
      items: [
        { title: 'Dune', stars: 5 },
        { title: 'Alien', stars: 5 },
        { title: 'Emma', stars: 4 },
        { title: 'Heat', stars: 3 },
      ],
    });
  });

  test('an @interfaceObject subgraph returns items whose concrete type another subgraph knows', async () => {
    const { data } = await federation.same('query($min: Int!) { topRated(min: $min) { __typename id title ... on Film { minutes } } }', { min: 5 });
    expect(data).toEqual({
      topRated: [
        { __typename: 'Novel', id: 'n1', title: 'Dune' },
        { __typename: 'Film', id: 'f1', title: 'Alien', minutes: 117 },
      ],
    });
  });

  test('fields of two @interfaceObject subgraphs together, on a type condition', async () => {
    const { data } = await federation.same('{ items { ... on Film { title stars borrowedBy { name } } } }');
    expect(data).toEqual({
      items: [{}, { title: 'Alien', stars: 5, borrowedBy: [{ name: 'Bo' }] }, {}, { title: 'Heat', stars: 3, borrowedBy: [{ name: 'Ada' }] }],
    });
  });

  test('an interface field returned by a subgraph that holds only an @interfaceObject', async () => {
    const { data } = await federation.same('{ members { name favourite { __typename title ... on Novel { pages } stars } } }');
    expect(data).toEqual({
      members: [
        { name: 'Ada', favourite: { __typename: 'Film', title: 'Alien', stars: 5 } },
        { name: 'Bo', favourite: null },
        { name: 'Cy', favourite: { __typename: 'Novel', title: 'Emma', pages: 474, stars: 4 } },
      ],
    });
  });
});

describe('unions', () => {
  test('a union of entities that its subgraph knows only by key', async () => {
    const { data } = await federation.same('{ members { name borrowed { __typename ... on Novel { title pages } ... on Film { title stars } } } }');
    expect(data).toEqual({
      members: [
        {
          name: 'Ada',
          borrowed: [
            { __typename: 'Novel', title: 'Dune', pages: 412 },
            { __typename: 'Film', title: 'Heat', stars: 3 },
          ],
        },
        { name: 'Bo', borrowed: [{ __typename: 'Film', title: 'Alien', stars: 5 }] },
        { name: 'Cy', borrowed: [] },
      ],
    });
  });

  test('a union with one member selected leaves the others empty', async () => {
    const { data } = await federation.same('{ members { borrowed { ... on Film { minutes } } } }');
    expect(data).toEqual({ members: [{ borrowed: [{}, { minutes: 170 }] }, { borrowed: [{ minutes: 117 }] }, { borrowed: [] }] });
  });

  test('an interface fragment inside a union', async () => {
    const { data } = await federation.same('{ members { borrowed { ... on Item { id title } } } }');
    expect(data).toEqual({
      members: [
        {
          borrowed: [
            { id: 'n1', title: 'Dune' },
            { id: 'f2', title: 'Heat' },
          ],
        },
        { borrowed: [{ id: 'f1', title: 'Alien' }] },
        { borrowed: [] },
      ],
    });
  });

  test('a union merged from two subgraphs, each field returning its own members', async () => {
    const { data } = await federation.same(
      `
      query($term: String!) { search(term: $term) { ...Found } lookup(term: $term) { ...Found } }
      fragment Found on Result { __typename ... on Novel { title } ... on Film { minutes } ... on Member { name } }`,
      { term: 'a' },
    );
    expect(data).toEqual({
      search: [
        { __typename: 'Film', minutes: 117 },
        { __typename: 'Novel', title: 'Emma' },
        { __typename: 'Film', minutes: 170 },
      ],
      lookup: [{ __typename: 'Member', name: 'Ada' }],
    });
    const { data: byName } = await federation.same('{ lookup(term: "a") { ... on Member { name borrowed { __typename } } } }');
    expect(byName).toEqual({ lookup: [{ name: 'Ada', borrowed: [{ __typename: 'Novel' }, { __typename: 'Film' }] }] });
  });

  test('the possible types of the abstract types, introspected', async () => {
    const { data } = await federation.same(
      '{ item: __type(name: "Item") { kind possibleTypes { name } } result: __type(name: "Result") { kind possibleTypes { name } } }',
    );
    const names = (key: string) => ((data?.[key] as { possibleTypes: Array<{ name: string }> }).possibleTypes ?? []).map((t) => t.name).sort();
    expect(names('item')).toEqual(['Film', 'Novel']);
    expect(names('result')).toEqual(['Film', 'Member', 'Novel']);
  });
});
