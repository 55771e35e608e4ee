import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { DEFAULT_OBSERVABILITY, type ObservabilityConfig } from '@tdg/kit/observability/config';
import { serveSubgraph } from '@tdg/kit/server';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import { SUBGRAPH_PACKAGES } from '../scripts/src/subgraph-packages.ts';
import { freePort } from './support/free-port.ts';
import { graphql, startTestSubgraph, TEST_SIGNING_SECRET, type TestSubgraph } from './support/subgraph-harness.ts';

/**
 * A subgraph's spans, in-process with OpenTelemetry's in-memory exporter: with tracing on, a server span per request,
 * a span per resolver the subgraph wrote (here `_entities`, whose loader runs after it returned) and per SQL statement
 * beneath it, with the statement's text and no value; with tracing off, not one span and no per-field hook, even with
 * an SDK registered in the process. (test/observability.test.ts follows one trace across real processes over OTLP.)
 */
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();
const TRACING_ON: ObservabilityConfig = { ...DEFAULT_OBSERVABILITY, tracing: { exporter: 'console', url: 'http://unused', sampleRatio: 1, serviceName: null, exportDelayMs: 100 } };
const pkg = SUBGRAPH_PACKAGES.find((p) => p.info.name === 'local-authorities')!;
let sg: TestSubgraph;
let urn: string;

beforeAll(async () => {
  const data = generateDemoData({ size: 'small', seed: 5 });
  urn = data['schools.csv'][0].urn;
  const folder = mkdtempSync(join(tmpdir(), 'tdg-tracing-'));
  await writeDemoData(data, folder);
  sg = await startTestSubgraph(pkg, folder);
});
afterAll(async () => {
  await sg?.close();
  await provider.shutdown();
});

async function entitiesSpans(observability: ObservabilityConfig) {
  const server = await serveSubgraph(pkg.module, { orm: sg.orm, port: await freePort(), signingSecret: TEST_SIGNING_SECRET, observability });
  try {
    exporter.reset();
    const res = await graphql<{ _entities: { urn: string; name: string }[] }>(
      server.url,
      'query Lookup($r: [_Any!]!) { _entities(representations: $r) { ... on School { urn name } } }',
      { r: [{ __typename: 'School', urn }] },
    );
    expect(res.data?._entities[0].urn).toBe(urn);
    await new Promise((r) => setTimeout(r, 50));
    return exporter.getFinishedSpans();
  } finally {
    await server.close();
  }
}

test('tracing on: request, resolver and SQL spans nest, and the statement carries no value', async () => {
  const spans = await entitiesSpans(TRACING_ON);
  const request = spans.find((s) => s.name === 'POST /graphql');
  const resolver = spans.find((s) => s.name === 'resolve Query._entities');
  const sql = spans.filter((s) => s.attributes['db.query.text'] !== undefined);
  expect(request).toBeDefined();
  expect(resolver?.parentSpanContext?.spanId).toBe(request!.spanContext().spanId);
  expect(sql.length).toBeGreaterThan(0);
  for (const s of sql) {
    expect(s.parentSpanContext?.spanId).toBe(resolver!.spanContext().spanId);
    expect(s.spanContext().traceId).toBe(request!.spanContext().traceId);
    expect(s.attributes['db.system.name']).toBe('postgresql');
    expect(String(s.attributes['db.query.text'])).toMatch(/^select [\s\S]* from school s where s\.urn = any\(\?::text\[\]\)/);
    expect(String(s.attributes['db.query.text'])).not.toContain(urn);
  }
  expect(request!.attributes).toMatchObject({ 'http.response.status_code': 200, 'graphql.operation.name': 'Lookup', 'graphql.operation.type': 'query' });
});

test('tracing off: no span at all, the schema is not instrumented', async () => {
  expect(await entitiesSpans(DEFAULT_OBSERVABILITY)).toEqual([]);
});
