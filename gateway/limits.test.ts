/**
 * The guard's measures on documents whose expansion is astronomically large: each would take
 * longer than the universe's age if fragments were walked once per spread, so a test that
 * finishes at all shows that every fragment is measured once.
 */
import { buildSchema, parse } from 'graphql';
import { costModelFromSdl } from './cost';
import { OperationGuard, type OperationLimits } from './limits';

const SDL = `
  type Query { me: User  users(limit: Int): [User!]! }
  type User { id: ID!  name: String!  friends(limit: Int): [User!]! }
`;
const schema = buildSchema(SDL);
const model = costModelFromSdl(parse(SDL), schema, 50);
const LIMITS: OperationLimits = {
  maxQueryLength: 1_000_000,
  maxTokens: 100_000,
  maxDepth: 12,
  maxAliases: 30,
  maxRootFields: 20,
  maxDirectives: 50,
  maxCost: 10_000,
};
const guard = new OperationGuard(LIMITS, () => model);

/** `levels` fragments, each spreading the next twice: 2^levels copies of `body` once expanded. */
function chain(levels: number, body: string): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on User { ${body} ...F${i + 1} ...F${i + 1} }`);
  return `{ me { ...F0 } }\n${fragments.join('\n')}\nfragment F${levels} on User { id }`;
}

const codeOf = (query: string, variables?: Record<string, unknown>) => {
  const verdict = guard.check({ query, variables });
  return verdict.ok ? 'ok' : verdict.error.extensions.code;
};

test.each([
  ['aliases', chain(200, 'a: id'), 'MAX_ALIASES_EXCEEDED'],
  ['directives', chain(200, 'id @include(if: true)'), 'MAX_DIRECTIVES_EXCEEDED'],
  ['cost', chain(200, 'friends(limit: 2) { id }'), 'MAX_COST_EXCEEDED'],
  ['nothing: the fields merge', chain(200, 'id name'), 'ok'],
])('a 200-level fragment chain (2^200 copies) is judged at once: %s', (_name, query, code) => {
  expect(codeOf(query)).toBe(code);
});

test('cost is an upper bound that follows limits given as literals or variables', () => {
  expect(guard.check({ query: '{ users(limit: 10) { friends(limit: 10) { id } } }' })).toEqual({ ok: true, cost: 10 * (1 + 10) });
  expect(guard.check({ query: 'query($n: Int) { users(limit: $n) { id } }', variables: { n: 7 } })).toEqual({ ok: true, cost: 7 });
  expect(guard.check({ query: '{ users { friends { id } } }' })).toEqual({ ok: true, cost: 50 * (1 + 50) });
  expect(codeOf('{ users(limit: 100) { friends(limit: 100) { id } } }')).toBe('MAX_COST_EXCEEDED');
});

test('cycles and unknown fragments are left to validation, never looped on', () => {
  expect(codeOf('{ me { ...A } } fragment A on User { ...B } fragment B on User { ...A }')).toBe('ok');
  expect(codeOf('{ me { ...Missing } }')).toBe('ok');
});
