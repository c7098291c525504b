/**
 * The gateway's graphql-ws connections to subgraphs: one per subgraph URL, opened on the first
 * subscription and shared by all of them. Each subscribe is signed like an HTTP subgraph call
 * and carries the client's own token, which the subgraph verifies itself.
 */
import { randomUUID } from 'node:crypto';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import type { RequestContext } from '../../lib/auth';
import { HMAC_EXTENSION, signOperation } from '../../lib/hmac';
import { AUTHORIZATION_EXTENSION, REQUEST_ID_EXTENSION, SUBSCRIBED_PONG } from '../../lib/subgraphSubscriptions';

export interface UpstreamSubscription {
  results: AsyncIterableIterator<FormattedExecutionResult>;
  /** Settles once the subgraph listens for this subscription's events. */
  ready: Promise<void>;
}

/** Carries the operation id the gateway chose, so the subgraph's acknowledgement names it. */
const OPERATION_ID_EXTENSION = 'operationId';

export interface UpstreamRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
}

/** How long an idle upstream connection stays open, so a resubscribe does not reconnect. */
const IDLE_CLOSE_MS = 5000;

export class UpstreamConnections {
  private readonly clients = new Map<string, Client>();
  private readonly pending = new Map<string, () => void>();

  constructor(private readonly secret: string) {}

  /** Open upstream connections (health and metrics). */
  get size(): number {
    return this.clients.size;
  }

  subscribe(httpUrl: string, request: UpstreamRequest, context: RequestContext): UpstreamSubscription {
    const operationId = randomUUID();
    const ready = new Promise<void>((resolve) => this.pending.set(operationId, resolve));
    const results = this.client(httpUrl).iterate<Record<string, unknown>, Record<string, unknown>>({
      query: request.query,
      variables: request.variables,
      operationName: request.operationName,
      extensions: {
        [HMAC_EXTENSION]: signOperation(this.secret, { query: request.query, variables: request.variables }),
        ...(context.accessToken ? { [AUTHORIZATION_EXTENSION]: `Bearer ${context.accessToken}` } : {}),
        [REQUEST_ID_EXTENSION]: context.requestId,
        [OPERATION_ID_EXTENSION]: operationId,
      },
    });
    return { results: this.forgetOnEnd(results, operationId), ready };
  }

  /** A subscription that ends before its acknowledgement leaves nothing pending. */
  private forgetOnEnd(results: AsyncIterableIterator<FormattedExecutionResult>, operationId: string): AsyncIterableIterator<FormattedExecutionResult> {
    const forget = () => this.pending.delete(operationId);
    return {
      next: async () => {
        const next = await results.next().catch((error: unknown) => {
          forget();
          throw error;
        });
        if (next.done) forget();
        return next;
      },
      return: async () => {
        forget();
        return (await results.return?.()) ?? { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  private acknowledged(payload: unknown): void {
    if (payload === null || typeof payload !== 'object' || !(SUBSCRIBED_PONG in payload)) return;
    const id = String(payload[SUBSCRIBED_PONG]);
    this.pending.get(id)?.();
    this.pending.delete(id);
  }

  async close(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map((client) => client.dispose()));
  }

  private client(httpUrl: string): Client {
    let client = this.clients.get(httpUrl);
    if (!client) {
      client = createClient({
        url: httpUrl.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        lazy: true,
        lazyCloseTimeout: IDLE_CLOSE_MS,
        // A lost upstream connection ends its subscriptions with an error; clients resume with
        // `afterEventId` rather than the gateway silently resubscribing across a gap.
        retryAttempts: 0,
        keepAlive: 10_000,
        generateID: (payload) => (typeof payload.extensions?.[OPERATION_ID_EXTENSION] === 'string' ? payload.extensions[OPERATION_ID_EXTENSION] : randomUUID()),
        on: { pong: (_received, payload) => this.acknowledged(payload) },
      });
      this.clients.set(httpUrl, client);
    }
    return client;
  }
}
