/** A typed GraphQL call over fetch: the document's generated types give the variables and the result. */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';

export class GraphQLRequestError extends Error {
  constructor(public readonly errors: Array<{ message: string; extensions?: { code?: string } }>) {
    super(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
  }
}

const printed = new WeakMap<DocumentNode, string>();

/** The text of a document, printed once. */
export function queryText(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

type PersistedQuery = { persistedQuery: { version: 1; sha256Hash: string } };

/** The trusted-document hash codegen embedded in a generated document (codegen.yml), if any. */
function persistedQueryOf(document: DocumentNode): PersistedQuery | undefined {
  const meta = '__meta__' in document ? (document.__meta__ as { hash?: unknown } | undefined) : undefined;
  return typeof meta?.hash === 'string' ? { persistedQuery: { version: 1, sha256Hash: meta.hash.replace(/^sha256:/, '') } } : undefined;
}

/** Over HTTP a generated document travels by its hash alone; any other document as its text. */
export function documentParams(document: DocumentNode): { query: string } | { extensions: PersistedQuery } {
  const extensions = persistedQueryOf(document);
  return extensions ? { extensions } : { query: queryText(document) };
}

/**
 * Over graphql-ws the text always travels (the protocol requires it), with the hash beside it:
 * a gateway that runs only trusted documents runs the one the hash names.
 */
export function socketPayload(document: DocumentNode): { query: string; extensions?: PersistedQuery } {
  const extensions = persistedQueryOf(document);
  return { query: queryText(document), ...(extensions ? { extensions } : {}) };
}

export async function request<TResult, TVariables>(
  url: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  token?: string,
): Promise<TResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ ...documentParams(document), variables }),
  });
  const body = (await response.json()) as { data?: TResult; errors?: GraphQLRequestError['errors'] };
  if (body.errors?.length || !body.data) throw new GraphQLRequestError(body.errors ?? [{ message: `HTTP ${response.status}` }]);
  return body.data;
}
