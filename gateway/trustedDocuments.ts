/**
 * Trusted documents (persisted queries): the operations our own clients use, written by GraphQL
 * Code Generator into `persisted-documents.json` manifests (sha256 of the text → text). A client
 * may send a document by its hash alone (`extensions.persistedQuery.sha256Hash`, as Apollo's
 * persisted queries, or `documentId`, as Hive's); with `TRUSTED_DOCUMENTS_ONLY=true` the gateway
 * runs nothing else, which locks a production API to the operations its clients really send.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { GraphQLError } from 'graphql';
import type { OperationRequest } from './limits';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** `sha256:<hex>` (the manifest's keys, Hive's document ids) or a bare hex hash. */
function bareHash(id: string): string {
  return id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
}

export type TrustedVerdict = { ok: true; query: unknown } | { ok: false; error: GraphQLError; status: number };

/** What runs after the trusted documents and the limits have had their say. */
export type AdmissionVerdict = { ok: true; query: unknown } | { ok: false; error: GraphQLError };

/** The document id a request names: `documentId`, or the persisted-query extension's hash. */
export function documentIdOf(request: { documentId?: unknown; extensions?: unknown }): string | undefined {
  if (typeof request.documentId === 'string') return request.documentId;
  const persisted = (request.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

const refusal = (code: string, message: string, status = 400): TrustedVerdict => ({
  ok: false,
  error: new GraphQLError(message, { extensions: { code } }),
  status,
});

export class TrustedDocuments {
  /** hash → text, for requests that send a hash. */
  private readonly byHash = new Map<string, string>();
  /** Hashes of every trusted text, for requests that send the text itself. */
  private readonly trustedTexts = new Set<string>();

  constructor(
    manifests: Array<Record<string, string>>,
    /** Refuse every document that is not trusted. */
    readonly only: boolean,
  ) {
    for (const manifest of manifests) {
      for (const [id, text] of Object.entries(manifest)) {
        this.byHash.set(bareHash(id), text);
        this.trustedTexts.add(sha256(text));
      }
    }
  }

  /** Reads the manifests that exist among `paths`. */
  static load(paths: string[], only: boolean): TrustedDocuments {
    const manifests = paths.filter((p) => fs.existsSync(p)).map((p) => JSON.parse(fs.readFileSync(p, 'utf8')) as Record<string, string>);
    if (only && manifests.length === 0) throw new Error(`TRUSTED_DOCUMENTS_ONLY is on but no manifest was found in ${paths.join(', ')}`);
    return new TrustedDocuments(manifests, only);
  }

  get size(): number {
    return this.byHash.size;
  }

  /** The query text to run for this request, or why it is refused. */
  resolve(request: OperationRequest & { documentId?: unknown; extensions?: unknown }): TrustedVerdict {
    const id = documentIdOf(request);
    if (id !== undefined) {
      // The hash names what runs; a text sent beside it (graphql-ws always sends one) is ignored.
      const text = this.byHash.get(bareHash(id));
      return text === undefined ? refusal('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound', 404) : { ok: true, query: text };
    }
    if (this.only && !(typeof request.query === 'string' && this.trustedTexts.has(sha256(request.query)))) {
      return refusal('PERSISTED_QUERY_ONLY', 'This API runs only its trusted documents: send a known document by its hash');
    }
    return { ok: true, query: request.query };
  }
}
