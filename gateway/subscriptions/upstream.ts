/**
 * The gateway's graphql-ws connections to subgraphs: one per subgraph URL, opened on the first
 * subscription, shared by all of them, closed after a few idle seconds. Each subscribe is
 * signed like an HTTP subgraph call and carries the client's own token, which the subgraph
 * verifies itself.
 *
 * The protocol (`graphql-transport-ws`) is spoken here directly rather than through
 * graphql-ws's client, whose every subscription listens to every message: with thousands of
 * subscriptions multiplexed on one socket, dispatch by operation id is what keeps a message O(1).
 */
import { randomUUID } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import type { FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import type { RequestContext } from '../../lib/auth';
import { EventStream } from '../../lib/eventStream';
import { HMAC_EXTENSION, signOperation } from '../../lib/hmac';
import type { Logger } from '../../lib/logger';
import { AUTHORIZATION_EXTENSION, REQUEST_ID_EXTENSION, SUBSCRIBED_PONG } from '../../lib/subgraphSubscriptions';

export interface UpstreamSubscription {
  results: AsyncIterableIterator<FormattedExecutionResult>;
  /** Settles once the subgraph listens for this subscription's events. */
  ready: Promise<void>;
}

export interface UpstreamRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
}

const PROTOCOL = 'graphql-transport-ws';
/** How long an idle upstream connection stays open, so a resubscribe does not reconnect. */
const IDLE_CLOSE_MS = 5000;
const ACK_TIMEOUT_MS = 10_000;

const unavailable: GraphQLFormattedError[] = [
  { message: 'The subgraph serving this subscription went away', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } },
];

/** One subscription as the connection sees it. */
interface Operation {
  stream: EventStream<FormattedExecutionResult>;
  acknowledged(): void;
}

type ConnectionState = { kind: 'idle' } | { kind: 'connecting'; socket: WebSocket; opened: Promise<WebSocket> } | { kind: 'open'; socket: WebSocket };

type ServerMessage =
  | { type: 'connection_ack' | 'ping' }
  | { type: 'pong'; payload?: Record<string, unknown> }
  | { type: 'next'; id: string; payload: FormattedExecutionResult }
  | { type: 'error'; id: string; payload: GraphQLFormattedError[] }
  | { type: 'complete'; id: string };

/** One multiplexed connection to one subgraph. */
class UpstreamConnection {
  private state: ConnectionState = { kind: 'idle' };
  private readonly operations = new Map<string, Operation>();
  private idleTimer?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  get isOpen(): boolean {
    return this.state.kind !== 'idle';
  }

  subscribe(payload: Record<string, unknown>): UpstreamSubscription {
    const id = randomUUID();
    let acknowledged = () => {};
    const ready = new Promise<void>((resolve) => (acknowledged = resolve));
    const stream = new EventStream<FormattedExecutionResult>(() => this.end(id));
    this.operations.set(id, { stream, acknowledged });
    clearTimeout(this.idleTimer);
    this.socket()
      .then((socket) => {
        if (stream.isClosed) return;
        socket.send(JSON.stringify({ id, type: 'subscribe', payload }));
      })
      .catch(() => this.fail(id, unavailable));
    return { results: stream, ready };
  }

  close(): void {
    for (const id of [...this.operations.keys()]) this.fail(id, unavailable);
    this.disconnect();
  }

  /** The client ended it: tell the subgraph, if it was told of it. */
  private end(id: string): void {
    if (!this.operations.delete(id)) return;
    if (this.state.kind === 'open') this.state.socket.send(JSON.stringify({ id, type: 'complete' }));
    if (this.operations.size === 0) this.idleTimer = setTimeout(() => this.disconnect(), IDLE_CLOSE_MS).unref();
  }

  /** The subgraph refused it or went away: one last result with the errors, then the end. */
  private fail(id: string, errors: GraphQLFormattedError[]): void {
    const operation = this.operations.get(id);
    if (!operation) return;
    this.operations.delete(id);
    operation.stream.push({ errors });
    operation.stream.close();
  }

  private socket(): Promise<WebSocket> {
    if (this.state.kind === 'open') return Promise.resolve(this.state.socket);
    if (this.state.kind === 'connecting') return this.state.opened;
    const socket = new WebSocket(this.url.replace(/^http/, 'ws'), PROTOCOL);
    const opened = this.connect(socket);
    this.state = { kind: 'connecting', socket, opened };
    return opened;
  }

  private isCurrent(socket: WebSocket): boolean {
    return this.state.kind !== 'idle' && this.state.socket === socket;
  }

  private connect(socket: WebSocket): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const timeout = setTimeout(() => socket.terminate(), ACK_TIMEOUT_MS);
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
      socket.on('message', (data) => {
        const text = Array.isArray(data)
          ? Buffer.concat(data).toString()
          : data instanceof ArrayBuffer
            ? Buffer.from(data).toString()
            : data.toString();
        const message = JSON.parse(text) as ServerMessage;
        if (message.type !== 'connection_ack') return this.receive(socket, message);
        clearTimeout(timeout);
        if (this.isCurrent(socket)) this.state = { kind: 'open', socket };
        resolve(socket);
      });
      socket.on('error', (error) => this.logger.warn({ err: error, url: this.url }, 'upstream graphql-ws connection failed'));
      socket.on('close', () => {
        clearTimeout(timeout);
        reject(new Error('closed before connection_ack'));
        // A socket closed for being idle is no longer current: its successor keeps its operations.
        if (!this.isCurrent(socket)) return;
        this.state = { kind: 'idle' };
        for (const id of [...this.operations.keys()]) this.fail(id, unavailable);
      });
    });
  }

  private receive(socket: WebSocket, message: ServerMessage): void {
    switch (message.type) {
      case 'ping':
        socket.send(JSON.stringify({ type: 'pong' }));
        return;
      case 'pong': {
        const id = message.payload?.[SUBSCRIBED_PONG];
        if (typeof id === 'string') this.operations.get(id)?.acknowledged();
        return;
      }
      case 'next':
        this.operations.get(message.id)?.stream.push(message.payload);
        return;
      case 'error':
        this.fail(message.id, message.payload);
        return;
      case 'complete': {
        const operation = this.operations.get(message.id);
        this.operations.delete(message.id);
        operation?.stream.close();
        return;
      }
    }
  }

  private disconnect(): void {
    clearTimeout(this.idleTimer);
    if (this.operations.size > 0) return;
    if (this.state.kind !== 'idle') this.state.socket.close(1000, 'Normal Closure');
    this.state = { kind: 'idle' };
  }
}

export class UpstreamConnections {
  private readonly connections = new Map<string, UpstreamConnection>();

  constructor(
    private readonly secret: string,
    private readonly logger: Logger,
  ) {}

  /** Open upstream connections (health and metrics). */
  get size(): number {
    return [...this.connections.values()].filter((c) => c.isOpen).length;
  }

  subscribe(httpUrl: string, request: UpstreamRequest, context: RequestContext): UpstreamSubscription {
    let connection = this.connections.get(httpUrl);
    if (!connection) {
      connection = new UpstreamConnection(httpUrl, this.logger);
      this.connections.set(httpUrl, connection);
    }
    return connection.subscribe({
      query: request.query,
      variables: request.variables,
      operationName: request.operationName,
      extensions: {
        [HMAC_EXTENSION]: signOperation(this.secret, { query: request.query, variables: request.variables }),
        ...(context.accessToken ? { [AUTHORIZATION_EXTENSION]: `Bearer ${context.accessToken}` } : {}),
        [REQUEST_ID_EXTENSION]: context.requestId,
      },
    });
  }

  async close(): Promise<void> {
    for (const connection of this.connections.values()) connection.close();
    this.connections.clear();
  }
}
