/**
 * The one GraphQL client of this repository, used by the example client, the dashboard, the
 * tests and the benchmarks: a typed call over fetch (the document's generated types give the
 * variables and the result), the same over graphql-ws, and the trusted-document hashes that
 * codegen embeds.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import type { Client } from 'graphql-ws';

export interface GraphQLErrorBody {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

/** The operation failed: the first error's message, and every error's code. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly codes: string[],
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }

  static from(errors: readonly GraphQLErrorBody[]): GraphQLRequestError {
    return new GraphQLRequestError(
      errors[0]?.message ?? 'The request failed',
      errors.map((e) => e.extensions?.code ?? 'UNKNOWN'),
    );
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
export function documentParams(document: DocumentNode | string): { query: string } | { extensions: PersistedQuery } {
  if (typeof document === 'string') return { query: document };
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

/** A whole GraphQL response over HTTP: its status, data and errors, as the server sent them. */
export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: GraphQLErrorBody[];
}

export interface SendOptions {
  /** An access token, sent as `authorization: Bearer …`. */
  token?: string | null;
  headers?: Record<string, string>;
}

/** POSTs one operation and returns the response as it is (for callers that inspect errors). */
export async function sendOperation<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables> | DocumentNode | string,
  variables?: TVariables,
  options: SendOptions = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ ...documentParams(document), variables }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: TData | null; errors?: GraphQLErrorBody[] };
  return { status: response.status, data: body.data, errors: body.errors };
}

/** POSTs one operation and returns its data, or throws GraphQLRequestError. */
export async function request<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  token?: string,
): Promise<TData> {
  const { status, data, errors } = await sendOperation(url, document, variables, { token });
  if (errors?.length) throw GraphQLRequestError.from(errors);
  if (!data) throw new GraphQLRequestError(`The gateway answered ${status} without data`, []);
  return data;
}

/** Runs one operation over a graphql-ws client and resolves with its data (a query or mutation). */
export function requestOverSocket<TData, TVariables>(
  client: Client,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  return new Promise((resolve, reject) => {
    let data: TData | undefined;
    client.subscribe<TData>(
      { ...socketPayload(document), variables: variables as Record<string, unknown> },
      {
        next: (result) => {
          if (result.errors?.length) reject(GraphQLRequestError.from(result.errors));
          else if (result.data) data = result.data;
        },
        error: (error) => reject(Array.isArray(error) ? GraphQLRequestError.from(error) : new Error(describeSocketError(error))),
        complete: () => (data ? resolve(data) : reject(new GraphQLRequestError('The gateway sent no data', []))),
      },
    );
  });
}

/** graphql-ws reports a closed socket as its CloseEvent, and a refused operation as its errors. */
export function describeSocketError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return GraphQLRequestError.from(error as GraphQLErrorBody[]).message;
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code, reason } = error as { code: number; reason?: string };
    return `connection closed (${code}${reason ? `: ${reason}` : ''})`;
  }
  return String(error);
}

/** The close code of a socket error, when it is one. */
export function closeCodeOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number'
    ? (error as { code: number }).code
    : undefined;
}
