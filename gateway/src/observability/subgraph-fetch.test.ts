import { createServer, type Server } from 'node:http';
import { context, propagation, trace } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { GatewayMetrics } from './metrics.ts';
import { isTimeout, subgraphFetchObserver } from './subgraph-fetch.ts';

/** Each subgraph call timed and classified against real HTTP servers: ok, HTTP 5xx, a timeout, an unreachable port. */
let server: Server;
let base: string;
const seen: Record<string, string | undefined>[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ path: request.url, traceparent: request.headers.traceparent as string | undefined, requestId: request.headers['x-request-id'] as string | undefined });
    if (request.url === '/slow') return void setTimeout(() => response.end('{}'), 2000);
    response.writeHead(request.url === '/fail' ? 503 : 200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
});

const send = (input: string, headers: Record<string, string>, body: string, method: string) =>
  fetch(input, { method, headers, body, signal: AbortSignal.timeout(input.endsWith('/slow') ? 300 : 10_000) });

test('outcomes and failure reasons by subgraph, nothing left in flight', async () => {
  const metrics = new GatewayMetrics();
  const observer = subgraphFetchObserver(metrics, false);
  const call = (path: string, subgraph = 'scitts') => observer.wrap(subgraph, send)(`${base}${path}`, {}, '{}', 'POST');
  expect((await call('/ok')).status).toBe(200);
  expect((await call('/fail')).status).toBe(503);
  await expect(call('/slow')).rejects.toThrow();
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedPort = (closed.address() as { port: number }).port;
  await new Promise((resolve) => closed.close(resolve));
  await expect(observer.wrap('curriculum-hubs', send)(`http://127.0.0.1:${closedPort}/`, {}, '{}', 'POST')).rejects.toThrow();
  const text = await metrics.registry.metrics();
  expect(text).toContain('tdg_subgraph_fetch_failures_total{subgraph="scitts",reason="http_5xx",service="gateway"} 1');
  expect(text).toContain('tdg_subgraph_fetch_failures_total{subgraph="scitts",reason="timeout",service="gateway"} 1');
  expect(text).toContain('tdg_subgraph_fetch_failures_total{subgraph="curriculum-hubs",reason="unreachable",service="gateway"} 1');
  expect(text).toContain('tdg_subgraph_fetch_duration_seconds_count{service="gateway",subgraph="scitts",outcome="ok"} 1');
  expect(text).toContain('tdg_subgraph_fetch_duration_seconds_count{service="gateway",subgraph="scitts",outcome="timeout"} 1');
  expect(text).toContain('tdg_subgraph_fetches_in_flight{subgraph="scitts",service="gateway"} 0');
  // Tracing off: no traceparent sent.
  expect(seen.every((h) => h.traceparent === undefined)).toBe(true);
});

test('with tracing on, the active span goes out as a W3C traceparent', async () => {
  const provider = new NodeTracerProvider();
  provider.register();
  const tracer = trace.getTracer('test');
  const observer = subgraphFetchObserver(new GatewayMetrics(), true);
  const span = tracer.startSpan('gateway.fetch');
  await context.with(trace.setSpan(context.active(), span), () => observer.wrap('scitts', send)(`${base}/traced`, {}, '{}', 'POST'));
  span.end();
  expect(seen.find((h) => h.path === '/traced')?.traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
  await provider.shutdown();
  context.disable();
  propagation.disable();
  trace.disable();
});

test('timeouts are told apart from other failures, through causes too', () => {
  expect(isTimeout(new DOMException('timed out', 'TimeoutError'))).toBe(true);
  expect(isTimeout(Object.assign(new Error('x'), { type: 'request-timeout' }))).toBe(true);
  expect(isTimeout(new TypeError('fetch failed', { cause: Object.assign(new Error('h'), { code: 'UND_ERR_HEADERS_TIMEOUT' }) }))).toBe(true);
  expect(isTimeout(new TypeError('fetch failed', { cause: Object.assign(new Error('r'), { code: 'ECONNREFUSED' }) }))).toBe(false);
});
