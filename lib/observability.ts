/**
 * What operators see of every service: Prometheus metrics at /metrics (requests and latency per
 * operation, errors by code, plus what each service adds), one structured log line per
 * operation, and the request id, which travels from the gateway to the subgraphs and comes back
 * to the client in `extensions.requestId` and the `x-request-id` header.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Express } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestContext } from './auth';
import type { Logger } from './logger';
import { describeCurrentSpan } from './tracing';

export interface ServiceMetrics {
  registry: Registry;
  /** The label an operation name gets (bounded; see OperationLabels). */
  operationLabel(name: string | null | undefined): string;
  requests: Counter<'operation' | 'type'>;
  duration: Histogram<'operation' | 'type'>;
  errors: Counter<'code'>;
}

/** A valid GraphQL name of at most 64 characters. */
const LABEL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * Operation names become metric labels, and every label set lives until the process ends, so
 * clients must not be able to mint them: only the first `max` distinct valid names get their
 * own label; every other name counts as `other`.
 */
export class OperationLabels {
  private readonly known = new Set<string>();

  constructor(private readonly max: number) {}

  label(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.known.has(name)) return name;
    if (!LABEL_NAME.test(name) || this.known.size >= this.max || name === 'anonymous' || name === 'other') return 'other';
    this.known.add(name);
    return name;
  }
}

export function createMetrics(service: string, options: { maxOperationNames: number }): ServiceMetrics {
  const registry = new Registry();
  const labels = new OperationLabels(options.maxOperationNames);
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    operationLabel: (name) => labels.label(name),
    requests: new Counter({
      name: 'graphql_requests_total',
      help: 'GraphQL operations by name and type',
      labelNames: ['operation', 'type'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'GraphQL operation latency by name and type',
      labelNames: ['operation', 'type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    errors: new Counter({ name: 'graphql_errors_total', help: 'GraphQL errors by extensions.code', labelNames: ['code'], registers: [registry] }),
  };
}

/** Serves `/metrics` on `app` (the service's own port, or a separate metrics listener). */
export function addMetricsRoute(app: Express, metrics: ServiceMetrics): void {
  app.get('/metrics', async (_req, res) => {
    res.set('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
}

/** Counts, times and logs every operation, and hands the request id back to the client. */
export function observabilityPlugin(metrics: ServiceMetrics, logger: Logger): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      const requestId = (contextValue as Partial<RequestContext>).requestId;
      return {
        async willSendResponse({ operationName, operation, response, errors }) {
          const labels = { operation: metrics.operationLabel(operationName), type: operation?.operation ?? 'unknown' };
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          describeCurrentSpan({ operationName, requestId });
          metrics.requests.inc(labels);
          metrics.duration.observe(labels, seconds);
          for (const error of errors ?? [])
            metrics.errors.inc({ code: typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR' });
          if (requestId) {
            response.http.headers.set('x-request-id', requestId);
            if (response.body.kind === 'single') {
              response.body.singleResult.extensions = { ...response.body.singleResult.extensions, requestId };
            }
          }
          logger.info(
            { requestId, ...labels, operationName: operationName?.slice(0, 100), ms: Math.round(seconds * 1000), errors: errors?.length ?? 0 },
            'graphql operation',
          );
        },
      };
    },
  };
}
