/**
 * Entities across three subgraphs, through our gateway and stock @apollo/gateway side by side:
 * simple, compound, nested and multiple @key, @requires (nested, with arguments), @provides,
 * @external, @shareable value types, batching of entity lists, aliases, fragments, variables,
 * @skip/@include, __typename and introspection.
 */
import { getIntrospectionQuery } from 'graphql';
import { startFederation, type Federation, type GraphQLAnswer, type SubgraphSpec } from './harness';

const LINK = (imports: string[]) =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [${imports.map((i) => `"${i}"`).join(', ')}])`;

interface Book {
  isbn: string;
  slug: string;
  title: string;
  authorId: string;
  pages: number;
  weightGrams: number;
  size: { heightCm: number; widthCm: number };
}
const BOOKS: Book[] = [
  { isbn: '111', slug: 'dune', title: 'Dune', authorId: 'a1', pages: 412, weightGrams: 600, size: { heightCm: 24, widthCm: 16 } },
  { isbn: '222', slug: 'emma', title: 'Emma', authorId: 'a2', pages: 474, weightGrams: 500, size: { heightCm: 18, widthCm: 11 } },
  { isbn: '333', slug: 'ubik', title: 'Ubik', authorId: 'a3', pages: 202, weightGrams: 250, size: { heightCm: 17, widthCm: 10 } },
  { isbn: '444', slug: 'persuasion', title: 'Persuasion', authorId: 'a2', pages: 249, weightGrams: 300, size: { heightCm: 18, widthCm: 11 } },
];
const AUTHORS = [
  { id: 'a1', name: 'Frank Herbert', born: 1920 },
  { id: 'a2', name: 'Jane Austen', born: 1775 },
  { id: 'a3', name: 'Philip K. Dick', born: null },
];
const SHELVES = [
  { room: { building: 'Main', number: 1 }, position: 1, isbns: ['111', '333'] },
  { room: { building: 'Main', number: 2 }, position: 1, isbns: ['222'] },
  { room: { building: 'Annex', number: 1 }, position: 3, isbns: ['444'] },
];
const IN_STOCK: Record<string, boolean> = { dune: true, emma: false, ubik: true, persuasion: true };
const SHELF_CAPACITY: Record<string, number> = { 'Main/1/1': 40, 'Main/2/1': 25, 'Annex/1/3': 12 };

const bookBy = (field: 'isbn' | 'slug', value: string) => BOOKS.find((b) => b[field] === value) ?? null;

/** Books and shelves: knows books by isbn and by slug. */
const catalog: SubgraphSpec = {
  name: 'catalog',
  typeDefs: `${LINK(['@key', '@shareable'])}
    type Query { books: [Book!]! book(isbn: ID!): Book shelves: [Shelf!]! }
    type Book @key(fields: "isbn") @key(fields: "slug") {
      isbn: ID! slug: String! title: String! @shareable author: Author! pages: Int! weightGrams: Int! size: Size!
      price(currency: String!): Int!
    }
    type Size @shareable { heightCm: Int! widthCm: Int! }
    type Author @key(fields: "id", resolvable: false) { id: ID! }
    type Room @shareable { building: String! number: Int! }
    type Shelf @key(fields: "room { building number } position") { room: Room! position: Int! books: [Book!]! }`,
  resolvers: {
    Query: { books: () => BOOKS, book: (_: unknown, { isbn }: { isbn: string }) => bookBy('isbn', isbn), shelves: () => SHELVES },
    Book: {
      __resolveReference: (ref: { isbn?: string; slug?: string }) => (ref.isbn ? bookBy('isbn', ref.isbn) : bookBy('slug', ref.slug!)),
      author: (book: Book) => ({ id: book.authorId }),
      price: (book: Book, { currency }: { currency: string }) => (currency === 'EUR' ? book.pages * 2 : book.pages * 3),
    },
    Shelf: { books: (shelf: (typeof SHELVES)[number]) => shelf.isbns.map((isbn) => bookBy('isbn', isbn)) },
  },
};

/** Authors: refers to books by isbn, and provides the title of an author's best-known one. */
const people: SubgraphSpec = {
  name: 'people',
  typeDefs: `${LINK(['@key', '@external', '@provides'])}
    type Query { authors: [Author!]! }
    type Author @key(fields: "id") { id: ID! name: String! born: Int books: [Book!]! bestKnown: Book @provides(fields: "title") }
    type Book @key(fields: "isbn") { isbn: ID! title: String! @external }`,
  resolvers: {
    Query: { authors: () => AUTHORS },
    Author: {
      __resolveReference: (ref: { id: string }) => AUTHORS.find((a) => a.id === ref.id) ?? null,
      books: (author: { id: string }) => BOOKS.filter((b) => b.authorId === author.id).map((b) => ({ isbn: b.isbn })),
      // The title travels with the reference: the gateway needs no catalog fetch for it.
      bestKnown: (author: { id: string }) => {
        const book = BOOKS.find((b) => b.authorId === author.id);
        return book ? { isbn: book.isbn, title: `${book.title}` } : null;
      },
    },
  },
};

/** Stock and shipping: knows books by slug only; shipping needs catalog's weight and size. */
const stock: SubgraphSpec = {
  name: 'stock',
  typeDefs: `${LINK(['@key', '@external', '@requires', '@shareable'])}
    type Book @key(fields: "slug") {
      slug: String!
      inStock: Boolean!
      weightGrams: Int! @external
      pages: Int! @external
      size: Size! @external
      shippingCost(zone: Int!): Int! @requires(fields: "weightGrams pages")
      fitsPocket: Boolean! @requires(fields: "size { heightCm widthCm }")
      price(currency: String!): Int! @external
      priceLabel: String! @requires(fields: """price(currency: "EUR")""")
    }
    type Size @shareable { heightCm: Int! widthCm: Int! }
    type Room @shareable { building: String! number: Int! }
    type Shelf @key(fields: "room { building number } position") { room: Room! position: Int! capacity: Int! }`,
  resolvers: {
    Book: {
      __resolveReference: (ref: { slug: string }) => ({ ...ref, inStock: IN_STOCK[ref.slug] ?? false }),
      shippingCost: (book: Book, { zone }: { zone: number }) => Math.ceil(book.weightGrams / 100) * zone + (book.pages > 400 ? 1 : 0),
      fitsPocket: (book: Book) => book.size.heightCm <= 18 && book.size.widthCm <= 11,
      priceLabel: (book: { price: number }) => `${book.price} cents (EUR)`,
    },
    Shelf: {
      __resolveReference: (ref: { room: { building: string; number: number }; position: number }) => ({
        ...ref,
        capacity: SHELF_CAPACITY[`${ref.room.building}/${ref.room.number}/${ref.position}`],
      }),
    },
  },
};

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation([catalog, people, stock]);
});

afterAll(async () => {
  await federation?.stop();
});

const fetchesOf = (name: string) => federation.takeReceived()[name];

describe('entities with @key', () => {
  test('a simple key joins a field of another subgraph', async () => {
    const { data } = await federation.same('{ books { title author { name born } } }');
    expect(data).toEqual({
      books: [
        { title: 'Dune', author: { name: 'Frank Herbert', born: 1920 } },
        { title: 'Emma', author: { name: 'Jane Austen', born: 1775 } },
        { title: 'Ubik', author: { name: 'Philip K. Dick', born: null } },
        { title: 'Persuasion', author: { name: 'Jane Austen', born: 1775 } },
      ],
    });
  });

  test('multiple keys: a reference by isbn reaches a subgraph that knows the book by slug', async () => {
    const { data } = await federation.same('{ authors { name books { title inStock } } }');
    expect(data).toEqual({
      authors: [
        { name: 'Frank Herbert', books: [{ title: 'Dune', inStock: true }] },
        {
          name: 'Jane Austen',
          books: [
            { title: 'Emma', inStock: false },
            { title: 'Persuasion', inStock: true },
          ],
        },
        { name: 'Philip K. Dick', books: [{ title: 'Ubik', inStock: true }] },
      ],
    });
  });

  test('a compound key with a nested object', async () => {
    const { data } = await federation.same('{ shelves { room { building number } position capacity books { slug } } }');
    expect(data).toEqual({
      shelves: [
        { room: { building: 'Main', number: 1 }, position: 1, capacity: 40, books: [{ slug: 'dune' }, { slug: 'ubik' }] },
        { room: { building: 'Main', number: 2 }, position: 1, capacity: 25, books: [{ slug: 'emma' }] },
        { room: { building: 'Annex', number: 1 }, position: 3, capacity: 12, books: [{ slug: 'persuasion' }] },
      ],
    });
  });

  test('an entity that the root field does not find is null', async () => {
    const { data } = await federation.same('{ missing: book(isbn: "999") { title inStock } found: book(isbn: "333") { title inStock } }');
    expect(data).toEqual({ missing: null, found: { title: 'Ubik', inStock: true } });
  });

  test('entities nested through three subgraphs and back', async () => {
    const { data } = await federation.same('{ book(isbn: "222") { author { name books { slug inStock author { name } } } } }');
    expect(data).toEqual({
      book: {
        author: {
          name: 'Jane Austen',
          books: [
            { slug: 'emma', inStock: false, author: { name: 'Jane Austen' } },
            { slug: 'persuasion', inStock: true, author: { name: 'Jane Austen' } },
          ],
        },
      },
    });
  });

  test('lists of entities nested four deep', async () => {
    const { data } = await federation.same('{ authors { books { author { books { title } } } } }');
    expect((data?.authors as unknown[])[1]).toEqual({
      books: [
        { author: { books: [{ title: 'Emma' }, { title: 'Persuasion' }] } },
        { author: { books: [{ title: 'Emma' }, { title: 'Persuasion' }] } },
      ],
    });
  });

  test('a list of entities is fetched in one batch per subgraph, whatever its length', async () => {
    fetchesOf('people');
    const { data } = await federation.through('ours', '{ books { author { name } } }');
    expect(data?.books).toHaveLength(4);
    const entityFetches = fetchesOf('people').filter((q) => q.includes('_entities'));
    expect(entityFetches).toHaveLength(1);
  });
});

describe('@requires', () => {
  test('a field that requires external fields of another subgraph', async () => {
    const { data } = await federation.same('{ books { slug shippingCost(zone: 2) } }');
    expect(data).toEqual({
      books: [
        { slug: 'dune', shippingCost: 13 },
        { slug: 'emma', shippingCost: 11 },
        { slug: 'ubik', shippingCost: 6 },
        { slug: 'persuasion', shippingCost: 6 },
      ],
    });
  });

  test('a requirement with a nested selection', async () => {
    const { data } = await federation.same('{ books { slug fitsPocket } }');
    expect(data).toEqual({
      books: [
        { slug: 'dune', fitsPocket: false },
        { slug: 'emma', fitsPocket: true },
        { slug: 'ubik', fitsPocket: true },
        { slug: 'persuasion', fitsPocket: true },
      ],
    });
  });

  test('a requiring field with an argument from a variable, aliased twice', async () => {
    const { data } = await federation.same(
      'query($zone: Int!) { book(isbn: "111") { near: shippingCost(zone: 1) far: shippingCost(zone: $zone) } }',
      {
        zone: 5,
      },
    );
    expect(data).toEqual({ book: { near: 7, far: 31 } });
  });

  test('a requirement on a field with an argument', async () => {
    const { data } = await federation.same('{ book(isbn: "333") { usd: price(currency: "USD") priceLabel } }');
    expect(data).toEqual({ book: { usd: 606, priceLabel: '404 cents (EUR)' } });
  });

  test('a skipped requiring field', async () => {
    const { data } = await federation.same('query($s: Boolean!) { book(isbn: "333") { title shippingCost(zone: 1) @skip(if: $s) } }', { s: true });
    expect(data).toEqual({ book: { title: 'Ubik' } });
  });
});

describe('@provides and @external', () => {
  test('a provided field is answered without a fetch to the subgraph that owns it', async () => {
    fetchesOf('catalog');
    const { data } = await federation.same('{ authors { bestKnown { title } } }');
    expect(data).toEqual({ authors: [{ bestKnown: { title: 'Dune' } }, { bestKnown: { title: 'Emma' } }, { bestKnown: { title: 'Ubik' } }] });
    expect(fetchesOf('catalog')).toEqual([]);
  });

  test('a field outside what is provided still comes from its own subgraph', async () => {
    const { data } = await federation.same('{ authors { bestKnown { title pages } } }');
    expect(data).toEqual({
      authors: [
        { bestKnown: { title: 'Dune', pages: 412 } },
        { bestKnown: { title: 'Emma', pages: 474 } },
        { bestKnown: { title: 'Ubik', pages: 202 } },
      ],
    });
  });

  test('an external field without @provides is fetched from the subgraph that resolves it', async () => {
    fetchesOf('catalog');
    const { data } = await federation.same('{ authors { books { title } } }');
    expect(data).toEqual({
      authors: [{ books: [{ title: 'Dune' }] }, { books: [{ title: 'Emma' }, { title: 'Persuasion' }] }, { books: [{ title: 'Ubik' }] }],
    });
    expect(fetchesOf('catalog').some((q) => q.includes('_entities'))).toBe(true);
  });
});

describe('operations', () => {
  test('aliases on root fields, entities and value types', async () => {
    const { data } = await federation.same('{ first: book(isbn: "111") { name: title by: author { who: name } dims: size { h: heightCm } } }');
    expect(data).toEqual({ first: { name: 'Dune', by: { who: 'Frank Herbert' }, dims: { h: 24 } } });
  });

  test('named and inline fragments across subgraphs', async () => {
    const { data } = await federation.same(`
      query { book(isbn: "444") { ...Shelved ... on Book { author { ...Person } } } }
      fragment Shelved on Book { slug inStock }
      fragment Person on Author { name }`);
    expect(data).toEqual({ book: { slug: 'persuasion', inStock: true, author: { name: 'Jane Austen' } } });
  });

  test('@include and @skip from variables, on fields and fragments', async () => {
    const query = `query($withAuthor: Boolean!, $noStock: Boolean!) {
      book(isbn: "222") { title author @include(if: $withAuthor) { name } ... on Book @skip(if: $noStock) { inStock } } }`;
    expect((await federation.same(query, { withAuthor: true, noStock: true })).data).toEqual({
      book: { title: 'Emma', author: { name: 'Jane Austen' } },
    });
    expect((await federation.same(query, { withAuthor: false, noStock: false })).data).toEqual({ book: { title: 'Emma', inStock: false } });
  });

  test('__typename at the root, on entities of every subgraph and on value types', async () => {
    const { data } = await federation.same('{ __typename shelves { __typename room { __typename } books { __typename author { __typename } } } }');
    expect(data?.__typename).toBe('Query');
    expect((data?.shelves as unknown[])[0]).toEqual({
      __typename: 'Shelf',
      room: { __typename: 'Room' },
      books: [
        { __typename: 'Book', author: { __typename: 'Author' } },
        { __typename: 'Book', author: { __typename: 'Author' } },
      ],
    });
  });

  test('variables of every kind, with defaults', async () => {
    const { data } = await federation.same('query($isbn: ID! = "333", $zone: Int = 3) { book(isbn: $isbn) { shippingCost(zone: $zone) } }', {});
    expect(data).toEqual({ book: { shippingCost: 9 } });
  });

  test('introspection of the API schema hides the federation machinery', async () => {
    const { data } = await federation.same('{ __schema { queryType { name } types { name } } __type(name: "Book") { fields { name } } }');
    const types = ((data?.__schema as { types: Array<{ name: string }> }).types ?? []).map((t) => t.name);
    expect(types).toEqual(expect.arrayContaining(['Book', 'Author', 'Shelf', 'Room', 'Size']));
    expect(types).not.toContain('_Entity');
    expect(types).not.toContain('join__Graph');
    const fields = (data?.__type as { fields: Array<{ name: string }> }).fields.map((f) => f.name);
    expect(fields).toEqual(expect.arrayContaining(['isbn', 'slug', 'title', 'inStock', 'shippingCost', 'fitsPocket']));
  });

  test('the standard full introspection query answers the same schema', async () => {
    const { data } = await federation.same(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect((data?.__schema as { queryType: { name: string } }).queryType).toEqual({ kind: 'OBJECT', name: 'Query' });
  });

  test('root fields of two subgraphs in one operation', async () => {
    const { data } = await federation.same('{ books { slug } authors { name } }');
    expect(data).toEqual({
      books: [{ slug: 'dune' }, { slug: 'emma' }, { slug: 'ubik' }, { slug: 'persuasion' }],
      authors: [{ name: 'Frank Herbert' }, { name: 'Jane Austen' }, { name: 'Philip K. Dick' }],
    });
  });

  test('identical operations at once each get the whole answer (shared subgraph calls are copied)', async () => {
    const query = '{ authors { name books { title inStock shippingCost(zone: 1) } } }';
    const expected = (await federation.same(query)).data;
    const answers = await Promise.all(Array.from({ length: 8 }, () => federation.through('ours', query)));
    for (const answer of answers) expect(answer).toEqual(expect.objectContaining({ data: expected }));
  });

  test('an unknown operation name: both refuse it; ours as a client error, stock as its own failure (500)', async () => {
    const body = JSON.stringify({ query: 'query A { books { slug } }', operationName: 'B' });
    const [ours, stock] = await Promise.all(
      [federation.urls.ours, federation.urls.stock].map(async (url) => {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        return { status: response.status, body: (await response.json()) as GraphQLAnswer };
      }),
    );
    expect(ours.body.data).toEqual(stock.body.data);
    expect(ours.body.data).toBeUndefined();
    // Stock @apollo/gateway throws INVALID_GRAPHQL from its executor; Apollo Server without a
    // gateway answers what ours does.
    expect([stock.status, stock.body.errors?.map((e) => e.extensions?.code)]).toEqual([500, ['INVALID_GRAPHQL']]);
    expect([ours.status, ours.body.errors?.map((e) => e.extensions?.code)]).toEqual([400, ['OPERATION_RESOLUTION_FAILURE']]);
  });

  test('the operation limits hold on any supergraph: a query 13 fields deep is refused by ours, served by stock', async () => {
    const deep =
      '{ book(isbn: "111") { author { books { author { books { author { books { author { books { author { books { author { name } } } } } } } } } } } } }';
    const { ours, stock } = await federation.both(deep);
    expect((stock.data?.book as { author: unknown }).author).toBeTruthy();
    expect(ours.data).toBeUndefined();
    expect(ours.errors?.map((e) => e.extensions?.code)).toEqual(['MAX_DEPTH_EXCEEDED']);
  });

  test('an invalid operation is refused alike', async () => {
    const { ours, stock } = await federation.both('{ books { nosuchfield } }');
    expect(ours.data).toBeUndefined();
    expect(ours.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(ours.errors?.map((e) => e.message)).toEqual(stock.errors?.map((e) => e.message));
  });
});
