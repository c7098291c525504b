/**
 * Whole answers to queries, kept in the gateway while the subgraphs say they may be reused, so a
 * repeated query is not planned, fetched and merged again. What may be reused is declared by
 * each subgraph with Apollo's `@cacheControl` hints; every subgraph answer carries the smallest
 * `maxAge` (and scope) of its fields in a `Cache-Control` header, and the request's
 * `overallCachePolicy` is the smallest over all its subgraph answers (signedDataSource.ts), as
 * in @apollo/server-plugin-response-cache. An answer is kept only when that policy says so and
 * it holds no error.
 *
 * The lookup runs where the executor is called (authorizingGateway.ts): after the trusted
 * documents, the operation limits and cost (HTTP guard), the token (revoked ones included, in the
 * request context) and the `@auth` policy, so a kept answer never reaches a request that would
 * be refused. Keys hold the operation (its text's hash, after trusted-document resolution), the
 * operation name, the variables and the caller's role, plus the user id for PRIVATE answers and
 * for operations whose `@auth` rules depend on who the caller is.
 *
 * Any mutation through this gateway drops every entry, before it runs and again after it ends,
 * and an answer whose query overlapped a mutation is not kept: one gateway reads its own writes.
 * Across gateways an answer is at most its `maxAge` old.
 */
import type { GatewayCachePolicy, GatewayExecutionResult, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { OperationTypeNode } from 'graphql';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { ResponseCacheConfig } from '../lib/config';

/** Who asks, as far as it may change the answer. */
export interface Asker {
  /** The caller's role; without a user, why their token was not taken (null: no token). */
  role: string | null;
  userId: string | null;
  /** The `@auth` rules of the selected fields depend on who the caller is, not only the role. */
  ownerDependent: boolean;
}

/** Cache-Control scope, as Apollo's cache policy spells it. */
type Scope = 'PUBLIC' | 'PRIVATE';

interface Entry {
  data: Record<string, unknown>;
  policy: { maxAge: number; scope: Scope };
  storedAt: number;
  expiresAt: number;
  bytes: number;
}

export class ResponseCache {
  /** In least-recently-used order: a Map iterates in insertion order and a hit re-inserts. */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private mutations = 0;
  private readonly lookups: { hit(): void; miss(): void };
  private readonly now: () => number;

  /** `registry`: where hits, misses, entries and bytes are counted (the gateway's /metrics). */
  constructor(
    /** Off (`enabled: false`): nothing is kept or served, but mutations still advance `writes`. */
    private readonly limits: ResponseCacheConfig,
    options: { registry?: Registry; now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.lookups = options.registry ? this.countIn(options.registry) : { hit() {}, miss() {} };
  }

  /**
   * Changes with every mutation through this gateway; anything read before it changed may be
   * older than that write (in-flight subgraph calls are shared only within one value).
   */
  get writes(): number {
    return this.mutations;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /**
   * Runs an operation through the cache: a query is answered from it or run and perhaps kept;
   * a mutation empties it. `asker` null: this caller's answer must be neither served nor kept
   * (fields were denied, so it is theirs alone and carries errors).
   */
  async execute(
    requestContext: GatewayGraphQLRequestContext,
    asker: Asker | null,
    run: () => Promise<GatewayExecutionResult>,
  ): Promise<GatewayExecutionResult> {
    const type = requestContext.operation.operation;
    if (type === OperationTypeNode.MUTATION) return this.mutate(run);
    if (type !== OperationTypeNode.QUERY || !asker || !this.limits.enabled) return run();
    const keys = cacheKeys(requestContext, asker);
    if (!keys) return run();
    const cached = this.fresh(keys.private) ?? this.fresh(keys.public);
    if (cached) {
      this.lookups.hit();
      return this.answerFrom(requestContext, cached);
    }
    this.lookups.miss();
    const writesBefore = this.mutations;
    const result = await run();
    // A query that overlapped a mutation may hold what was true before it: not kept.
    if (writesBefore === this.mutations) this.keep(requestContext, keys, result);
    return result;
  }

  /** Drops everything, before and after the write, so no answer from before it survives it. */
  private async mutate(run: () => Promise<GatewayExecutionResult>): Promise<GatewayExecutionResult> {
    this.clear();
    try {
      return await run();
    } finally {
      this.clear();
    }
  }

  private clear(): void {
    this.mutations++;
    this.entries.clear();
    this.bytes = 0;
  }

  /** The entry under `key` unless it has expired (then it goes); a hit becomes the most recent. */
  private fresh(key: string | null): Entry | undefined {
    if (key === null) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.bytes -= entry.bytes;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * A kept answer, with the policy it was kept under so that Apollo's cache-control plugin
   * sends the same `Cache-Control` header as on a miss, and `Age` saying how old it is (as
   * @apollo/server-plugin-response-cache does). The data object is shared: nothing after the
   * executor changes a result's data (Apollo serialises it as it is).
   */
  private answerFrom(requestContext: GatewayGraphQLRequestContext, entry: Entry): GatewayExecutionResult {
    policyOf(requestContext).replace(entry.policy);
    requestContext.metrics.responseCacheHit = true;
    requestContext.response?.http?.headers.set('age', String(Math.round((this.now() - entry.storedAt) / 1000)));
    return { data: entry.data };
  }

  private keep(requestContext: GatewayGraphQLRequestContext, keys: CacheKeys, result: GatewayExecutionResult): void {
    const policy = cacheablePolicy(requestContext);
    if (!policy || !result.data || (result.errors && result.errors.length > 0)) return;
    // PRIVATE answers are the caller's; without a user there is no one to keep them for.
    const key = policy.scope === 'PRIVATE' || keys.public === null ? keys.private : keys.public;
    if (key === null) return;
    const bytes = Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(result.data));
    if (bytes > this.limits.maxBytes || this.limits.maxEntries < 1) return;
    const storedAt = this.now();
    this.remove(key);
    this.entries.set(key, { data: result.data, policy, storedAt, expiresAt: storedAt + policy.maxAge * 1000, bytes });
    this.bytes += bytes;
    this.evict();
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  /** Least recently used first, until both bounds hold. */
  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) return;
      this.remove(key);
    }
  }

  private countIn(registry: Registry): { hit(): void; miss(): void } {
    const counter = (name: string, help: string) => new Counter({ name, help, registers: [registry] });
    const hits = counter('graphql_response_cache_hits_total', 'Queries answered from the gateway response cache');
    const misses = counter('graphql_response_cache_misses_total', 'Queries the gateway response cache had no answer for');
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read());
        },
      });
    gauge('graphql_response_cache_entries', 'Answers kept in the gateway response cache', () => this.entries.size);
    gauge('graphql_response_cache_bytes', 'Bytes of keys and answers kept in the gateway response cache', () => this.bytes);
    return { hit: () => hits.inc(), miss: () => misses.inc() };
  }
}

interface CacheKeys {
  /** For answers anyone of the caller's role may get; null when the rules look at who asks. */
  public: string | null;
  /** For the caller alone; null for anonymous callers. */
  private: string | null;
}

/**
 * The query hash is Apollo's sha256 of the text it ran (the trusted document's, when one was
 * named). Variables are compared as sent: the same values in another key order only miss.
 */
function cacheKeys(requestContext: GatewayGraphQLRequestContext, asker: Asker): CacheKeys | null {
  const shared = jsonOrNull([requestContext.queryHash, requestContext.operationName, requestContext.request.variables ?? {}, asker.role]);
  if (shared === null) return null;
  return {
    public: asker.ownerDependent ? null : shared,
    private: asker.userId === null ? null : `${shared}\n${asker.userId}`,
  };
}

/**
 * Variables arrive as the client sent them, not yet checked against their types (the executor
 * does that): JSON nested thousands deep overflows JSON.stringify's stack. Such a request is
 * not cached, and the executor refuses it as before.
 */
function jsonOrNull(value: unknown): string | null {
  try {
    return JSON.stringify(value);
  } catch {
    return null;
  }
}

/** The gateway interface types the request's cache policy loosely; Apollo Server's is this. */
function policyOf(requestContext: GatewayGraphQLRequestContext): GatewayCachePolicy {
  return requestContext.overallCachePolicy as GatewayCachePolicy;
}

/** The request's overall policy as the subgraphs' answers restricted it, if it may be reused at all. */
function cacheablePolicy(requestContext: GatewayGraphQLRequestContext): Entry['policy'] | null {
  const policy = policyOf(requestContext).policyIfCacheable();
  return policy && policy.maxAge > 0 ? { maxAge: policy.maxAge, scope: policy.scope === 'PRIVATE' ? 'PRIVATE' : 'PUBLIC' } : null;
}
