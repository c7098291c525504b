/**
 * The gateway's pruning of denied fields and the null propagation that puts them back,
 * on a small schema written for the purpose.
 */
import { buildSchema, Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { authPolicyFromSdl, type Caller } from '../lib/authDirective';
import { findDenials, pruneDocument, restoreDeniedFields, selectsOwnerRule } from './authorization';

const SDL = `
  directive @auth(requires: [Role!], selfArg: String, public: Boolean = false) on FIELD_DEFINITION | OBJECT | INTERFACE
  enum Role { ADMIN FACULTY STUDENT }
  type Query {
    open: String @auth(public: true)
    me: Person @auth
    people: [Person!]! @auth
    person(id: ID!): Person @auth(requires: [ADMIN], selfArg: "id")
    adminCount: Int! @auth(requires: [ADMIN])
  }
  type Person @auth {
    id: ID!
    name: String
    salary: Int @auth(requires: [ADMIN])
    secretCode: String! @auth(requires: [ADMIN])
    friends: [Person!]
  }
`;
const schema = buildSchema(SDL);
const policy = authPolicyFromSdl(parse(SDL));

const student: Caller = { user: { id: 's1', role: 'STUDENT' }, tokenProblem: null };
const adminCaller: Caller = { user: { id: 'a1', role: 'ADMIN' }, tokenProblem: null };
const anonymous: Caller = { user: null, tokenProblem: null };

function run(query: string, caller: Caller, data: Record<string, unknown>, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const denials = findDenials(schema, policy, document, operation, variables, caller);
  const pruned = print(pruneDocument(document, denials.denied));
  const restored = restoreDeniedFields(schema, operation, denials, structuredClone(data), variables);
  return { pruned, data: restored.data, errors: restored.errors.map((e) => ({ path: e.path, code: e.extensions.code })) };
}

test('an allowed operation is left as it is', () => {
  const document = parse('{ open me { id name } }');
  const operation = document.definitions[0] as OperationDefinitionNode;
  expect(findDenials(schema, policy, document, operation, {}, student).denied.size).toBe(0);
});

test('a nullable denied field becomes null with its error; its siblings keep their data', () => {
  const result = run('{ me { id salary } }', student, { me: { id: 's1' } });
  expect(result.pruned).not.toContain('salary');
  expect(result.data).toEqual({ me: { id: 's1', salary: null } });
  expect(result.errors).toEqual([{ path: ['me', 'salary'], code: 'FORBIDDEN' }]);
});

test('a non-null denied field nulls its nearest nullable parent', () => {
  const result = run('{ open me { id secretCode } }', student, { open: 'x', me: { id: 's1' } });
  expect(result.data).toEqual({ open: 'x', me: null });
  expect(result.errors).toEqual([{ path: ['me', 'secretCode'], code: 'FORBIDDEN' }]);
});

test('a non-null denied root field nulls the whole data', () => {
  const result = run('{ open adminCount }', student, { open: 'x' });
  expect(result.data).toBeNull();
  expect(result.errors).toEqual([{ path: ['adminCount'], code: 'FORBIDDEN' }]);
});

test('in lists, the null reaches the list through non-null items, one error per item', () => {
  const result = run('{ people { id secretCode } }', student, { people: [{ id: '1' }, { id: '2' }] });
  expect(result.data).toBeNull();
  expect(result.errors).toEqual([{ path: ['people', 0, 'secretCode'], code: 'FORBIDDEN' }]);
});

test('nested lists of nullable fields: every item gets its null and error', () => {
  const result = run('{ me { friends { id salary } } }', student, { me: { friends: [{ id: '1' }, { id: '2' }] } });
  expect(result.data).toEqual({
    me: {
      friends: [
        { id: '1', salary: null },
        { id: '2', salary: null },
      ],
    },
  });
  expect(result.errors.map((e) => e.path)).toEqual([
    ['me', 'friends', 0, 'salary'],
    ['me', 'friends', 1, 'salary'],
  ]);
});

test('aliases, fragments and inline fragments are followed', () => {
  const result = run('query { me { ...F ... on Person { pay: salary } } } fragment F on Person { id salary }', student, { me: { id: 's1' } });
  expect(result.pruned).not.toMatch(/salary/);
  expect(result.data).toEqual({ me: { id: 's1', salary: null, pay: null } });
  expect(result.errors.map((e) => e.path)).toEqual([
    ['me', 'salary'],
    ['me', 'pay'],
  ]);
});

test('selfArg: the owner passes, anyone else is FORBIDDEN, anonymous is UNAUTHENTICATED', () => {
  const query = 'query($id: ID!) { person(id: $id) { id } }';
  expect(run(query, student, { person: { id: 's1' } }, { id: 's1' }).errors).toEqual([]);
  expect(run(query, student, {}, { id: 'other' })).toMatchObject({ data: { person: null }, errors: [{ code: 'FORBIDDEN' }] });
  expect(run(query, adminCaller, { person: { id: 'x' } }, { id: 'x' }).errors).toEqual([]);
  expect(run(query, anonymous, {}, { id: 's1' }).errors).toEqual([{ path: ['person'], code: 'UNAUTHENTICATED' }]);
});

test('a selection set left empty asks for a marker __typename that never reaches the client', () => {
  const result = run('{ me { salary } }', student, { me: { _campusHubPruned: 'Person' } });
  expect(result.pruned).toMatch(/_campusHubPruned: __typename/);
  expect(result.data).toEqual({ me: { salary: null } });
});

test('fields skipped by @skip or @include are not judged', () => {
  const result = run(
    'query($no: Boolean!) { me { id salary @include(if: $no) secretCode @skip(if: true) } }',
    student,
    { me: { id: 's1' } },
    { no: false },
  );
  expect(result.errors).toEqual([]);
  expect(result.data).toEqual({ me: { id: 's1' } });
});

test('an expired token says so', () => {
  const document = parse('{ me { id } }');
  const operation = document.definitions[0] as OperationDefinitionNode;
  const { denied } = findDenials(schema, policy, document, operation, {}, { user: null, tokenProblem: 'expired' });
  expect([...denied.values()][0].message).toMatch(/expired/);
});

test('a selection reaching a personal or self-argument field is owner-dependent, so never shared between people', () => {
  const sdl = `
    directive @auth(requires: [Role!], selfArg: String, public: Boolean = false, personal: Boolean = false) on FIELD_DEFINITION | OBJECT | INTERFACE
    enum Role { ADMIN FACULTY STUDENT }
    type Query { ticket: Ticket @auth  person(id: ID!): Person @auth(requires: [ADMIN], selfArg: "id") }
    type Ticket @auth { id: ID!  assignee: Person }
    type Person @auth { id: ID!  name: String!  calendarUrl: String @auth(personal: true) }
  `;
  const schema = buildSchema(sdl);
  const policy = authPolicyFromSdl(parse(sdl));
  expect(selectsOwnerRule(schema, policy, parse('{ ticket { assignee { name } } }'))).toBe(false);
  expect(selectsOwnerRule(schema, policy, parse('{ ticket { assignee { ...P } } } fragment P on Person { calendarUrl }'))).toBe(true);
  expect(selectsOwnerRule(schema, policy, parse('{ person(id: "1") { name } }'))).toBe(true);
});
