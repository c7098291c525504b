/**
 * Distributed tracing with OpenTelemetry, off unless `OTEL_EXPORTER_OTLP_ENDPOINT` is set. One
 * client request is one trace: each service opens a server span for every GraphQL request,
 * continuing the W3C `traceparent` it was sent; @apollo/gateway adds its own spans (plan,
 * fetch per subgraph, post-processing) under the gateway's; and every subgraph call carries
 * the current `traceparent`, so the subgraphs' spans hang under the gateway's fetch spans.
 * Without a registered provider every call below is a no-op on a non-recording span.
 */
import { SpanKind, SpanStatusCode, context, propagation, trace, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { RequestHandler } from 'express';

const tracer = trace.getTracer('campus-services-hub');

/** The request id on a span, so a trace and the logs of one request find each other. */
export const REQUEST_ID_ATTRIBUTE = 'campus.request_id';

/**
 * Registers the process's tracer provider (once): with `processor` (tests hand an in-memory
 * one), or an OTLP/HTTP exporter when `OTEL_EXPORTER_OTLP_ENDPOINT` is set. Returns how to
 * flush and stop it, or null when tracing stays off.
 */
export function registerTracing(
  serviceName: string,
  options: { processor?: SpanProcessor; env?: NodeJS.ProcessEnv } = {},
): { shutdown(): Promise<void> } | null {
  const env = options.env ?? process.env;
  const processor = options.processor ?? (env.OTEL_EXPORTER_OTLP_ENDPOINT ? new BatchSpanProcessor(new OTLPTraceExporter()) : null);
  if (!processor) return null;
  const provider = new BasicTracerProvider({
    resource: new Resource({ 'service.name': env.OTEL_SERVICE_NAME || serviceName }),
    spanProcessors: [processor],
  });
  // Spans must follow a request through its awaits, or each would start a trace of its own.
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/**
 * A server span around each request, continuing the caller's trace; everything the request
 * does (Apollo, the gateway's own spans, subgraph calls) runs inside it.
 */
export function traceRequests(service: string): RequestHandler {
  return (req, res, next) => {
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(
      `${service} ${req.method} ${req.baseUrl || req.path}`,
      { kind: SpanKind.SERVER, attributes: { 'campus.service': service } },
      parent,
    );
    res.once('finish', () => endRequestSpan(span, res.statusCode));
    res.once('close', () => span.isRecording() && endRequestSpan(span, res.statusCode));
    context.with(trace.setSpan(parent, span), next);
  };
}

function endRequestSpan(span: Span, status: number): void {
  span.setAttribute('http.response.status_code', status);
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/** Names the current request's span after its operation and request id (once they are known). */
export function describeCurrentSpan(attributes: { operationName?: string | null; requestId?: string }): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  if (attributes.operationName) span.setAttribute('graphql.operation.name', attributes.operationName.slice(0, 64));
  if (attributes.requestId) span.setAttribute(REQUEST_ID_ATTRIBUTE, attributes.requestId);
}

/** Writes the current trace context (`traceparent`) into outgoing headers. */
export function injectTraceContext(set: (name: string, value: string) => void): void {
  propagation.inject(context.active(), undefined, { set: (_carrier, name, value) => set(name, value) });
}
