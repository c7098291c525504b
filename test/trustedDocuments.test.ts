/**
 * Trusted documents (gateway/trustedDocuments.ts): generated documents sent by hash, over POST
 * and GET; unknown hashes and mismatched texts refused; and with TRUSTED_DOCUMENTS_ONLY=true
 * nothing else runs, over HTTP or graphql-ws, while our own clients' documents still do.
 */
import { print } from 'graphql';
import { createClient, type SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';
import { LoginDocument, MeDocument } from '../client/__generated__/graphql';
import { documentParams, socketPayload } from '../client/request';
import type { ServedGateway } from '../gateway/serve';
import { DEMO, startGatewayBeside, startTestStack, type TestStack } from './stack';

let stack: TestStack;
let trustedOnly: ServedGateway;

beforeAll(async () => {
  stack = await startTestStack();
  trustedOnly = await startGatewayBeside(stack, { TRUSTED_DOCUMENTS_ONLY: 'true' });
});
afterAll(async () => {
  await trustedOnly?.stop();
  await stack?.close();
});

type Body = { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions: { code: string } }> };

async function post(url: string, body: object): Promise<{ status: number; body: Body }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Body };
}

const loginVariables = { email: DEMO.STUDENT.email, password: DEMO.STUDENT.password };
const loginHash = () =>
  (documentParams(LoginDocument) as { extensions: { persistedQuery: { sha256Hash: string } } }).extensions.persistedQuery.sha256Hash;

describe('by default', () => {
  test('a generated document runs by its hash alone, as Apollo persisted queries or a Hive documentId', async () => {
    const apollo = await post(stack.gatewayUrl, { ...documentParams(LoginDocument), variables: loginVariables });
    expect(apollo.body.data?.login).toMatchObject({ user: { email: DEMO.STUDENT.email } });
    const hive = await post(stack.gatewayUrl, { documentId: `sha256:${loginHash()}`, variables: loginVariables });
    expect(hive.body.data?.login).toMatchObject({ user: { email: DEMO.STUDENT.email } });
  });

  test('and by GET', async () => {
    const { accessToken } = await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password);
    const url = new URL(stack.gatewayUrl);
    url.searchParams.set('extensions', JSON.stringify(documentParams(MeDocument)).replace(/^\{"extensions":|\}$/g, ''));
    const response = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(((await response.json()) as Body).data?.me).toMatchObject({ email: DEMO.STUDENT.email });
  });

  test('an unknown hash is PERSISTED_QUERY_NOT_FOUND; beside a known one, the hash decides what runs', async () => {
    const unknown = await post(stack.gatewayUrl, { extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } });
    expect(unknown).toMatchObject({ status: 404, body: { errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] } });
    const smuggled = await post(stack.gatewayUrl, {
      query: '{ users { email } }',
      variables: loginVariables,
      extensions: { persistedQuery: { version: 1, sha256Hash: loginHash() } },
    });
    expect(Object.keys(smuggled.body.data ?? {})).toEqual(['login']);
  });

  test('any other document still runs', async () => {
    expect((await post(stack.gatewayUrl, { query: '{ __typename }' })).body.data).toEqual({ __typename: 'Query' });
  });
});

describe('with TRUSTED_DOCUMENTS_ONLY=true', () => {
  const url = () => trustedOnly.url;

  test('a document of our own runs by its hash, or as its exact text', async () => {
    expect((await post(url(), { ...documentParams(LoginDocument), variables: loginVariables })).body.data?.login).toBeTruthy();
    const manifestText = (await import('../client/__generated__/persisted-documents.json')).default[`sha256:${loginHash()}` as never] as string;
    expect((await post(url(), { query: manifestText, variables: loginVariables })).body.data?.login).toBeTruthy();
  });

  test('any other document is refused with PERSISTED_QUERY_ONLY before it runs', async () => {
    // Positive first: the same request runs on the ordinary gateway.
    expect((await post(stack.gatewayUrl, { query: '{ __typename }' })).body.data).toEqual({ __typename: 'Query' });
    const refused = await post(url(), { query: '{ __typename }' });
    expect(refused).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'PERSISTED_QUERY_ONLY' } }] } });
    expect(refused.body.data).toBeUndefined();
  });

  test('over graphql-ws too', async () => {
    const { accessToken } = await stack.login(DEMO.STUDENT.email, DEMO.STUDENT.password);
    const client = createClient({
      url: url().replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${accessToken}` },
    });
    try {
      const run = (payload: SubscribePayload) =>
        new Promise<unknown>((resolve) => {
          client.subscribe(payload, { next: resolve, error: resolve, complete: () => undefined });
        });
      // Our clients send the text with its hash: the hash decides.
      expect(await run(socketPayload(MeDocument))).toMatchObject({ data: { me: { email: DEMO.STUDENT.email } } });
      expect(await run({ query: '{ me { id } }' })).toMatchObject([{ extensions: { code: 'PERSISTED_QUERY_ONLY' } }]);
      expect(await run({ query: print(MeDocument) })).toMatchObject([{ extensions: { code: 'PERSISTED_QUERY_ONLY' } }]);
    } finally {
      await client.dispose();
    }
  });
});
