/**
 * An error a subgraph answered reaches the client as the subgraph worded it, as stock
 * @apollo/gateway passes it: message, path, code and the subgraph's own extensions. The subgraph
 * has already masked its internals (ours do, with lib/errors.ts); masking again at the gateway
 * turned every code outside our contract (a foreign subgraph's `RISK_UNAVAILABLE`) into
 * "Internal server error". Only what never belongs to a client is dropped: stack traces and the
 * raw HTTP response of a failed fetch.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** @apollo/gateway marks each error taken from a subgraph's answer with the subgraph's name. */
export function isSubgraphError(error: unknown): boolean {
  return error instanceof GraphQLError && typeof error.extensions.serviceName === 'string';
}

export function asSubgraphWorded(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { stacktrace: _stacktrace, exception: _exception, response: _response, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}
