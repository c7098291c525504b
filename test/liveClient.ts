/** graphql-ws clients for tests: connect with a token, follow a subscription, close them all. */
import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

export const wsUrl = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');

const open: Client[] = [];

export function connect(url: string, token: string | null, onClosed?: (code: number) => void): Client {
  const client = createClient({
    url: wsUrl(url),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: { closed: (event) => onClosed?.((event as { code: number }).code) },
    onNonLazyError: () => undefined,
  });
  open.push(client);
  return client;
}

/** Subscribes and collects every message until `stop()`. */
export function follow<M extends ExecutionResult<Record<string, unknown>, unknown>>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const messages: M[] = [];
  let completed = false;
  const errors: unknown[] = [];
  const stop = client.subscribe<M['data'], M['extensions']>(
    { query, variables },
    { next: (message) => void messages.push(message as M), error: (error) => void errors.push(error), complete: () => void (completed = true) },
  );
  return { messages, errors, stop, isComplete: () => completed };
}

/** Disposes every client connected since the last call. */
export function disconnectAll(): Promise<void[]> {
  return Promise.all(open.splice(0).map(async (client) => client.dispose()));
}
