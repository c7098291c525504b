/**
 * A directive of someone else's supergraph: an `@auth` of another spec, kept in the supergraph by
 * @composeDirective. Stock @apollo/gateway does not enforce it (the subgraph does); ours applies
 * only the `@auth` of our own spec, so it serves it alike, and asks only our own users subgraph
 * for its revocation feed. (Apollo's @authenticated and
 * @requiresScopes are SECURITY features that both gateways refuse to load.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { AUTH_SPEC } from '../../gateway/authorizingGateway';
import { linksCostSpec } from '../../gateway/cost';
import { linksSpec } from '../../gateway/supergraph';
import { startFederation, type Federation, type SubgraphSpec } from './harness';

const NOTES = [
  { id: 'n1', text: 'first' },
  { id: 'n2', text: 'second' },
];

/** Named like our own users subgraph, which serves our revocation feed; this one does not. */
const notes: SubgraphSpec = {
  name: 'users',
  typeDefs: `
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
      @link(url: "https://other.example/auth/v1.0", import: ["@auth"])
      @composeDirective(name: "@auth")
    directive @auth(requires: [String!], public: Boolean) on FIELD_DEFINITION | OBJECT
    type Query {
      notes: [Note!]! @auth(requires: ["reader"])
    }
    type Note @key(fields: "id") @auth(public: false) { id: ID! text: String! }`,
  resolvers: {
    Query: { notes: () => NOTES },
    Note: { __resolveReference: (ref: { id: string }) => NOTES.find((n) => n.id === ref.id) ?? null },
  },
};

const tags: SubgraphSpec = {
  name: 'tags',
  typeDefs: `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Note @key(fields: "id") { id: ID! tags: [String!]! }`,
  resolvers: { Note: { __resolveReference: (ref: { id: string }) => ({ ...ref, tags: [`tag-${ref.id}`] }) } },
};

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation([notes, tags]);
});

afterAll(async () => {
  await federation?.stop();
});

test('the supergraph keeps the foreign @auth', () => {
  expect(federation.supergraphSdl).toContain('@auth(requires: ["reader"])');
});

test('a field under another spec’s @auth is served to an anonymous caller, as stock serves it', async () => {
  const { data, errors } = await federation.same('{ notes { id text tags } }');
  expect(errors).toBeUndefined();
  expect(data).toEqual({
    notes: [
      { id: 'n1', text: 'first', tags: ['tag-n1'] },
      { id: 'n2', text: 'second', tags: ['tag-n2'] },
    ],
  });
});

test('a subgraph named users in another supergraph is not polled for our revocation feed', () => {
  // The gateway reads the feed once before it starts serving, so this needs no waiting.
  expect(federation.strayRequests('users')).toEqual([]);
});

test('our own supergraph links our @auth spec and the cost spec, so our gateway keeps its policy and its cost limit', () => {
  const committed = parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'));
  expect(linksSpec(committed, AUTH_SPEC)).toBe(true);
  expect(linksCostSpec(committed)).toBe(true);
  const foreign = parse(federation.supergraphSdl);
  expect(linksSpec(foreign, AUTH_SPEC)).toBe(false);
  expect(linksCostSpec(foreign)).toBe(false);
});
