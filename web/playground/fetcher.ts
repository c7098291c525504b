/**
 * GraphiQL's fetcher for the gateway: queries and mutations over HTTP, subscriptions over
 * graphql-ws on the same URL. The headers typed in GraphiQL's headers editor go with every
 * HTTP request and, for a subscription, become the socket's `connectionParams`, which is where
 * the gateway reads the `authorization` of a WebSocket connection.
 */
import { createGraphiQLFetcher, type Fetcher, type FetcherOpts } from '@graphiql/toolkit';

import type { GatewayEndpoint } from '../endpoint';

export { endpointOf, type GatewayEndpoint } from '../endpoint';

/** Any spelling of the Authorization header ("AUTHORIZATION", …) as the one key the gateway's connectionParams know. */
export function withAuthorizationKey(headers: NonNullable<FetcherOpts['headers']>): NonNullable<FetcherOpts['headers']> {
  const normalized: NonNullable<FetcherOpts['headers']> = {};
  for (const [name, value] of Object.entries<unknown>(headers)) normalized[name.toLowerCase() === 'authorization' ? 'authorization' : name] = value;
  return normalized;
}

export function playgroundFetcher(endpoint: GatewayEndpoint): Fetcher {
  // The toolkit opens a new socket per subscription with the headers of that run, so a token
  // typed after the page loaded is the one used.
  const fetcher = createGraphiQLFetcher({ url: endpoint.url, subscriptionUrl: endpoint.webSocketUrl });
  return (params, options) => fetcher(params, { ...options, headers: withAuthorizationKey(options?.headers ?? {}) });
}
