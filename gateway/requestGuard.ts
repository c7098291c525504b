/**
 * The gateway's HTTP guard: operation limits judged on the raw request before Apollo parses,
 * validates or plans it, a deadline for the whole request, and the estimated cost reported back
 * when the client asks for it (as Apollo Router's demand control does).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { RequestContext } from '../lib/auth';
import { estimateCost, type CostModel } from './cost';
import type { OperationGuard } from './limits';

/** The gateway's request context: the common one, plus when the whole request must be answered. */
export interface GatewayContext extends RequestContext {
  /** ms since the epoch; subgraph calls are cut short so the request ends by then. */
  deadline?: number;
}

/** Ask for `extensions.cost` in the answer by sending this header (any value but `false`). */
export const COST_HEADER = 'x-graphql-cost';

/** GET carries variables as JSON text; anything unreadable is left for Apollo to refuse. */
function variablesOf(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export function guardOperations(guard: OperationGuard, onRefused: (code: string) => void): RequestHandler {
  return (req, res, next) => {
    const params: unknown = req.method === 'GET' ? req.query : req.body;
    if (!params || typeof params !== 'object' || Array.isArray(params)) return next();
    const { query, variables, operationName } = params as Record<string, unknown>;
    const verdict = guard.check({ query, variables: variablesOf(variables), operationName });
    if (verdict.ok) return next();
    const code = String(verdict.error.extensions.code);
    onRefused(code);
    res.status(400).json({ errors: [{ message: verdict.error.message, extensions: { code } }] });
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
