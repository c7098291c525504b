/**
 * The gateway's HTTP guard: operation limits judged on the raw request before Apollo parses,
 * validates or plans it, a deadline for the whole request, and the estimated cost reported back
 * when the client asks for it (as Apollo Router's demand control does).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import type { GraphQLError } from 'graphql';
import type { RequestContext } from '../lib/auth';
import { estimateCost, type CostModel } from './cost';
import type { OperationGuard, OperationRequest } from './limits';
import type { AdmissionVerdict, TrustedDocuments } from './trustedDocuments';

/** The gateway's request context: the common one, plus when the whole request must be answered. */
export interface GatewayContext extends RequestContext {
  /** ms since the epoch; subgraph calls are cut short so the request ends by then. */
  deadline?: number;
}

/** Ask for `extensions.cost` in the answer by sending this header (any value but `false`). */
export const COST_HEADER = 'x-graphql-cost';

/** GET carries variables and extensions as JSON text; anything unreadable is left for Apollo to refuse. */
function jsonParam(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/**
 * Admits an operation arriving over graphql-ws, whose text always travels with it: a trusted
 * document when only those run, and within the limits.
 */
export class OperationAdmission {
  constructor(
    private readonly trusted: TrustedDocuments,
    private readonly guard: OperationGuard,
  ) {}

  check(request: OperationRequest & { extensions?: unknown }): AdmissionVerdict {
    const trusted = this.trusted.resolve(request);
    if (!trusted.ok) return trusted;
    const limits = this.guard.check({ ...request, query: trusted.query });
    return limits.ok ? { ok: true, query: trusted.query } : limits;
  }
}

type Params = Record<string, unknown>;

/** The request's parameters, JSON ones parsed (GET carries them as text). */
function paramsOf(req: Request): Params | null {
  const raw: unknown = req.method === 'GET' ? req.query : req.body;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const params = raw as Params;
  return req.method === 'GET' ? { ...params, variables: jsonParam(params.variables), extensions: jsonParam(params.extensions) } : params;
}

/**
 * Hands Apollo the trusted text in place of the hash: in the body, or for GET in the URL, which
 * is what Apollo reads. The hash goes, since Apollo's own persisted queries are off.
 */
function substituteQuery(req: Request, params: Params, query: string): void {
  const { persistedQuery: _hash, ...extensions } = (params.extensions ?? {}) as Params;
  if (req.method !== 'GET') {
    req.body = { ...params, query, extensions, documentId: undefined };
    return;
  }
  const url = new URL(req.originalUrl, 'http://gateway');
  url.searchParams.set('query', query);
  url.searchParams.delete('documentId');
  url.searchParams.set('extensions', JSON.stringify(extensions));
  req.url = `${req.url.split('?')[0]}?${url.searchParams}`;
}

function refuse(res: Response, status: number, error: GraphQLError): void {
  res.status(status).json({ errors: [{ message: error.message, extensions: { code: String(error.extensions.code) } }] });
}

export function guardOperations(trusted: TrustedDocuments, guard: OperationGuard, onRefused: (code: string) => void): RequestHandler {
  return (req, res, next) => {
    const params = paramsOf(req);
    if (!params) return next();
    const resolved = trusted.resolve(params);
    if (!resolved.ok) {
      onRefused(String(resolved.error.extensions.code));
      return refuse(res, resolved.status, resolved.error);
    }
    if (resolved.query !== params.query && typeof resolved.query === 'string') substituteQuery(req, params, resolved.query);
    const verdict = guard.check({ query: resolved.query, variables: params.variables, operationName: params.operationName });
    if (verdict.ok) return next();
    onRefused(String(verdict.error.extensions.code));
    refuse(res, 400, verdict.error);
  };
}

/** `extensions.cost: { estimated, limit }` on answers whose request sent COST_HEADER. */
export function costReportPlugin(costModel: () => CostModel | undefined, maxCost: number): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request }) {
      const asked = request.http?.headers.get(COST_HEADER);
      if (!asked || asked === 'false') return;
      return {
        async willSendResponse({ document, operation, response }) {
          const model = costModel();
          if (!model || !document || !operation || response.body.kind !== 'single') return;
          const estimated = estimateCost(model, document, operation, request.variables ?? {});
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: { estimated, limit: maxCost } };
        },
      };
    },
  };
}
