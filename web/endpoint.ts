/** Where a page served by the gateway finds it: its own origin, `/graphql`, over HTTP and WebSocket. */
export interface GatewayEndpoint {
  /** http(s)://…/graphql */
  url: string;
  /** ws(s)://…/graphql */
  webSocketUrl: string;
}

export function endpointOf(location: Pick<Location, 'origin'>): GatewayEndpoint {
  const url = `${location.origin}/graphql`;
  return { url, webSocketUrl: url.replace(/^http/, 'ws') };
}
