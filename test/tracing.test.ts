/**
 * Tracing (lib/tracing.ts) with an in-memory exporter: one client request is one trace across
 * the gateway and every subgraph it calls, continuing the client's own `traceparent`.
 */
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { registerTracing } from '../lib/tracing';
import { DEMO, eventually, startTestStack, type TestStack } from './stack';

const exporter = new InMemorySpanExporter();
let tracing: ReturnType<typeof registerTracing>;
let stack: TestStack;

beforeAll(async () => {
  tracing = registerTracing('test', { processor: new SimpleSpanProcessor(exporter) });
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
  await tracing?.shutdown();
});

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

test('one request is one trace: the gateway, its fetches, and the subgraphs under them', async () => {
  const { accessToken } = await stack.login(DEMO.FACULTY.email, DEMO.FACULTY.password);
  exporter.reset();
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}`, traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` },
    body: JSON.stringify({ query: 'query TracedBookings { me { name bookings { id room { name } } } }' }),
  });
  const { extensions } = (await response.json()) as { extensions: { requestId: string } };

  const spans = await eventually(async () => {
    const finished = exporter.getFinishedSpans();
    expect(finished.filter((s) => s.attributes['campus.service'] === 'booking').length).toBeGreaterThan(0);
    return finished;
  });
  // Every span, in every service, is in the client's trace.
  expect(new Set(spans.map((s) => s.spanContext().traceId))).toEqual(new Set([TRACE_ID]));

  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  const parentOf = (span: ReadableSpan) => byId.get(span.parentSpanId ?? '');
  const gateway = spans.find((s) => s.attributes['campus.service'] === 'gateway')!;
  expect(gateway.parentSpanId).toBe('00f067aa0ba902b7');
  expect(gateway.attributes['graphql.operation.name']).toBe('TracedBookings');
  expect(gateway.attributes['campus.request_id']).toBe(extensions.requestId);

  // Each subgraph's request span hangs under one of the gateway's fetch spans for that subgraph.
  for (const service of ['users', 'booking']) {
    const served = spans.find((s) => s.attributes['campus.service'] === service)!;
    const fetchSpan = parentOf(served)!;
    expect(fetchSpan.name).toBe('gateway.fetch');
    expect(fetchSpan.attributes.service).toBe(service);
    // …which descends from the gateway's own request span.
    let ancestor: ReadableSpan | undefined = fetchSpan;
    while (ancestor && ancestor !== gateway) ancestor = parentOf(ancestor);
    expect(ancestor).toBe(gateway);
  }
});
