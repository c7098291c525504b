import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayCachePolicy, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError, Kind, OperationTypeNode, parse, type DocumentNode } from 'graphql';
import { HMAC_EXTENSION, signOperation } from '../lib/hmac';
import { injectTraceContext } from '../lib/tracing';
import { InFlightQueries } from './inFlight';
import { postToSubgraph, SubgraphTimeout } from './subgraphFetch';
import type { GatewayContext } from './requestGuard';

type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];

/** When the gateway's whole request must end (ms since the epoch); subgraphs may honour it too. */
const DEADLINE_HEADER = 'x-request-deadline';

/**
 * A subgraph call (subgraphFetch.ts), cut off after `timeoutMs` or at the request's deadline,
 * whichever comes first. A call that runs out fails alone: the plan's other fetches still answer.
 */
function fetchWithTimeout(subgraph: string, timeoutMs: number): Fetcher {
  const timed = async (url: string, init: { headers?: Record<string, string>; body?: string }) => {
    const deadline = Number(init.headers?.[DEADLINE_HEADER]);
    const budget = Number.isFinite(deadline) && deadline > 0 ? Math.min(timeoutMs, deadline - Date.now()) : timeoutMs;
    if (budget <= 0) throw unanswered(subgraph, 'before the request ran out of time');
    try {
      return await postToSubgraph(url, init.headers ?? {}, init.body ?? '', budget);
    } catch (error) {
      if (error instanceof SubgraphTimeout) throw unanswered(subgraph, `within ${budget} ms`);
      throw unanswered(subgraph, '(unreachable)');
    }
  };
  return timed as unknown as Fetcher;
}

/** A subgraph call that got no answer: the fetch's fields fail, the rest of the plan goes on. */
class SubgraphUnanswered extends GraphQLError {}

function unanswered(subgraph: string, when: string): GraphQLError {
  return new SubgraphUnanswered(`The ${subgraph} service did not answer ${when}`, {
    extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: subgraph },
  });
}

/**
 * Where a failed fetch's error belongs, in the fetch's own terms (the gateway maps these to the
 * client's paths): each entity asked for, or each root field of the fetch.
 */
function pathsOfFetch(document: DocumentNode | undefined, variables: Record<string, unknown> | undefined): Array<ReadonlyArray<string | number>> {
  const representations = variables?.representations;
  if (Array.isArray(representations)) return representations.map((_, i) => ['_entities', i]);
  const operation = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return [[]];
  return operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [[s.alias?.value ?? s.name.value]] : []));
}

/**
 * What makes two fetches interchangeable: only fetches of a client's query (never a mutation),
 * with the same text, variables and token, started since the same write through this gateway
 * (a query that begins after a mutation has ended must not take an answer read before it).
 * Null: this fetch runs on its own.
 */
function sharingKey(options: GraphQLDataSourceProcessOptions<GatewayContext>, writes: number): string | null {
  if (!('incomingRequestContext' in options) || options.incomingRequestContext.operation?.operation !== OperationTypeNode.QUERY) return null;
  const { query, variables } = options.request;
  return `${writes}\n${options.context.accessToken ?? ''}\n${query}\n${JSON.stringify(variables ?? null)}`;
}

/**
 * Narrows the client request's cache policy by one subgraph answer's `Cache-Control` header, as
 * RemoteGraphQLDataSource's `honorSubgraphCacheControlHeader` does (no header or no `max-age`:
 * nothing may be reused), but for every request the answer serves, a sharer of an in-flight
 * call included: otherwise a sharer's policy would ignore this answer altogether.
 */
function restrictCachePolicy(options: GraphQLDataSourceProcessOptions<GatewayContext>, response: GatewayGraphQLResponse): void {
  if (!('incomingRequestContext' in options)) return;
  const policy = options.incomingRequestContext.overallCachePolicy as Partial<GatewayCachePolicy> | undefined;
  if (!policy?.restrict) return;
  const directives = (response.http?.headers.get('cache-control') ?? '')
    .toLowerCase()
    .split(',')
    .map((d) => d.trim());
  const maxAge = directives.find((d) => /^max-age=\d+$/.test(d));
  const scope = directives.includes('private') ? 'PRIVATE' : directives.includes('public') ? 'PUBLIC' : undefined;
  policy.restrict({ maxAge: maxAge ? Number(maxAge.slice('max-age='.length)) : 0, ...(scope ? { scope } : {}) });
}

/** A sharer's own copy of the answer's JSON (the fetch's `http` response is shared as it is). */
function copyResponse(response: GatewayGraphQLResponse): GatewayGraphQLResponse {
  const { http, ...json } = response;
  return { ...structuredClone(json), ...(http ? { http } : {}) };
}

/**
 * Every subgraph call carries the client's own bearer token (each subgraph verifies it again),
 * the request id, the client's address and user agent (sign-in throttling, sessions), the
 * request's deadline, the trace context (`traceparent`), and the HMAC signature that proves
 * the call comes from the gateway.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** `writes`: changes with every mutation through this gateway (ResponseCache.writes). */
  constructor(
    name: string,
    url: string,
    private readonly secret: string,
    timeoutMs: number,
    private readonly writes: () => number = () => 0,
  ) {
    super({ url, fetcher: fetchWithTimeout(name, timeoutMs) });
    // process() applies the header itself, to the sharers of a call too.
    this.honorSubgraphCacheControlHeader = false;
  }

  private readonly inFlight = new InFlightQueries<GatewayGraphQLResponse>(copyResponse);

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const key = sharingKey(options, this.writes());
    const response = await (key === null ? this.processAlone(options) : this.inFlight.run(key, () => this.processAlone(options)));
    restrictCachePolicy(options, response);
    return response;
  }

  private async processAlone(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      if (!(error instanceof SubgraphUnanswered)) throw error;
      const { message, extensions } = error;
      // Only the failure path parses the fetch's text: plans do not always carry its document.
      const document = ('document' in options ? options.document : undefined) ?? (options.request.query ? parse(options.request.query) : undefined);
      const paths = pathsOfFetch(document, options.request.variables);
      return { errors: paths.map((path) => ({ message, extensions, ...(path.length > 0 ? { path } : {}) })) };
    }
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    // Health checks pass a bare record here; typed as ours, a missing field is just absent.
    const gatewayContext: Partial<GatewayContext> | undefined = context;
    if (headers && gatewayContext) {
      if (gatewayContext.accessToken) headers.set('authorization', `Bearer ${gatewayContext.accessToken}`);
      if (gatewayContext.requestId) headers.set('x-request-id', gatewayContext.requestId);
      if (gatewayContext.clientAddress) headers.set('x-forwarded-for', gatewayContext.clientAddress);
      if (gatewayContext.deadline) headers.set(DEADLINE_HEADER, String(gatewayContext.deadline));
      injectTraceContext((name, value) => headers.set(name, value));
      if (gatewayContext.userAgent) headers.set('user-agent', gatewayContext.userAgent);
    }
    request.extensions = {
      ...request.extensions,
      [HMAC_EXTENSION]: signOperation(this.secret, { query: request.query, variables: request.variables }),
    };
  }
}
