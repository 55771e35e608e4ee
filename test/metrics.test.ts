import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGatewayConfig, type RunningGateway, startGateway } from '@tdg/gateway';
import { loadObservabilityConfig } from '@tdg/kit/observability/config';
import { serveSubgraph } from '@tdg/kit/server';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import { SUBGRAPH_PACKAGES } from '../scripts/src/subgraph-packages.ts';
import { RESPONSE_CACHE_ENV, startFederation, type TestFederation } from './support/federation.ts';
import { freePort } from './support/free-port.ts';
import { graphql, TEST_SIGNING_SECRET } from './support/subgraph-harness.ts';
import { PERSONAS, testAuthEnv, tokenFor } from './support/tokens.ts';

/** Prometheus metrics at /metrics on the gateway and on every subgraph, protected by METRICS_TOKEN, bounded labels. */
const TOKEN = 'metrics-token-0123456789abcdef0123456789abcdef';
const TRN = '7654321';
let fed: TestFederation;

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'tdg-metrics-'));
  await writeDemoData(generateDemoData({ size: 'small', seed: 3 }), folder);
  fed = await startFederation(folder, { METRICS_TOKEN: TOKEN });
});
afterAll(() => fed?.close());

const base = (url: string) => url.replace(/\/graphql$/, '');
const scrape = async (url: string, token: string | null = TOKEN) => {
  const response = await fetch(`${base(url)}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};

/** The value of one sample: `name{labels…} value`, labels matched as a subset; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

const regionalOverview = readFileSync(new URL('../schema/operations/regional-overview.graphql', import.meta.url), 'utf8');

test('the gateway answers /metrics only with the configured bearer token', async () => {
  expect((await scrape(fed.gatewayUrl, null)).status).toBe(401);
  expect((await scrape(fed.gatewayUrl, `${TOKEN}x`)).status).toBe(401);
  const ok = await scrape(fed.gatewayUrl);
  expect(ok.status).toBe(200);
  expect(ok.type).toMatch(/^text\/plain/);
  // prom-client's process metrics: memory and event-loop lag.
  expect(sample(ok.text, 'process_resident_memory_bytes', { service: 'gateway' })).toBeGreaterThan(0);
  expect(sample(ok.text, 'nodejs_eventloop_lag_seconds', { service: 'gateway' })).toBeGreaterThanOrEqual(0);
});

test('requests are counted by validated operation name, outcome and code; latency per operation and per subgraph fetch', async () => {
  const token = await tokenFor(PERSONAS.admin);
  const before = await scrape(fed.gatewayUrl);
  const count = (text: string, labels: Record<string, string>) => sample(text, 'tdg_graphql_requests_total', labels) ?? 0;
  const res = await fed.query(regionalOverview, { regionCode: 'A', academicYear: 2023 }, 'RegionalOverview', token);
  expect(res.errors).toBeUndefined();
  // A TRN in the variables, an error, and an operation that fails validation.
  await fed.query('query TeacherByTrn($trn: String!) { teacher(trn: $trn) { trn } }', { trn: TRN }, 'TeacherByTrn', token);
  await fed.query('{ region(code: "A") { inductionEngagement(academicYear: 12) { ects } } }', {}, undefined, token);
  await fed.query(`query Invalid${TRN} { noSuchField }`, {}, `Invalid${TRN}`, token);
  const after = await scrape(fed.gatewayUrl);
  expect(count(after.text, { operation: 'RegionalOverview', type: 'query', outcome: 'ok', code: 'none' }) - count(before.text, { operation: 'RegionalOverview', type: 'query', outcome: 'ok', code: 'none' })).toBe(1);
  expect(count(after.text, { operation: 'anonymous', outcome: 'partial', code: 'BAD_USER_INPUT' })).toBeGreaterThanOrEqual(1);
  expect(count(after.text, { operation: 'none', outcome: 'error', code: 'GRAPHQL_VALIDATION_FAILED' })).toBeGreaterThanOrEqual(1);
  expect(sample(after.text, 'tdg_subgraph_errors_total', { subgraph: 'teaching-school-hubs', code: 'BAD_USER_INPUT' })).toBeGreaterThanOrEqual(1);
  expect(sample(after.text, 'tdg_graphql_request_duration_seconds_count', { operation: 'RegionalOverview', type: 'query' })).toBeGreaterThanOrEqual(1);
  for (const subgraph of ['local-authorities', 'teaching-school-hubs', 'scitts', 'curriculum-hubs']) {
    expect(sample(after.text, 'tdg_subgraph_fetch_duration_seconds_count', { subgraph, outcome: 'ok' })).toBeGreaterThanOrEqual(1);
  }
  expect(sample(after.text, 'tdg_graphql_requests_in_flight', { service: 'gateway' })).toBe(0);
  // No personal data and no name of an operation that did not validate.
  expect(after.text).not.toContain(TRN);
  expect(after.text).not.toContain('Invalid');
});

test('every subgraph serves /metrics without the gateway signature, with the same token, its pool and SQL figures', async () => {
  for (const { info: s } of SUBGRAPH_PACKAGES) {
    const url = fed.subgraphs[s.name].url;
    // A request and a statement of its own (the dashboard question above may not reach every listed subgraph): a
    // signed GraphQL request as the gateway's, and /ready, which asks its database.
    expect((await graphql(url, '{ __typename }')).errors).toBeUndefined();
    expect((await fetch(url.replace(/\/graphql$/, '/ready'))).status).toBe(200);
    // Started in-process without configuration: metrics on, no token (development). Protected below.
    const open = await scrape(url, null);
    expect(open.status).toBe(200);
    expect(sample(open.text, 'tdg_db_pool_max', { service: s.name })).toBe(10);
    expect(sample(open.text, 'tdg_db_pool_connections', { service: s.name, state: 'in_use' })).toBeGreaterThanOrEqual(0);
    expect(sample(open.text, 'tdg_db_pool_waiting', { service: s.name })).toBe(0);
    expect(sample(open.text, 'tdg_graphql_requests_total', { service: s.name, outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(open.text, 'tdg_db_query_duration_seconds_count', { service: s.name, statement: 'select', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(open.text).not.toContain(TRN);
  }
  // The gateway's own subgraph operation names (RegionalOverview__local_authorities__0…) are bounded the same way.
  expect((await scrape(fed.subgraphs['local-authorities'].url, null)).text).toMatch(/operation="RegionalOverview__local_authorities__\d+"/);
  // A subgraph configured as in production: the token is required, and /metrics is not behind the signature.
  const pkg = SUBGRAPH_PACKAGES[0];
  const observability = loadObservabilityConfig({ NODE_ENV: 'production', METRICS_TOKEN: TOKEN });
  const server = await serveSubgraph(pkg.module, { orm: fed.subgraphs[pkg.info.name].orm, port: await freePort(), signingSecret: TEST_SIGNING_SECRET, production: true, observability });
  try {
    expect((await scrape(server.url, null)).status).toBe(401);
    expect((await scrape(server.url)).status).toBe(200);
  } finally {
    await server.close();
  }
});

test('response-cache hits and misses are counted while the cache is on', async () => {
  const urls = Object.fromEntries(SUBGRAPH_PACKAGES.map(({ info: s }) => [`${s.envPrefix}_URL`, fed.subgraphs[s.name].url]));
  let cached: RunningGateway | undefined;
  try {
    cached = await startGateway(
      loadGatewayConfig({ NODE_ENV: 'test', GATEWAY_PORT: String(await freePort()), SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET, ...urls, ...(await testAuthEnv()), ...RESPONSE_CACHE_ENV }),
    );
    const token = await tokenFor(PERSONAS.admin);
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(cached.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: regionalOverview, variables: { regionCode: 'B', academicYear: 2023 }, operationName: 'RegionalOverview' }),
      });
      expect(response.status).toBe(200);
    }
    const text = (await scrape(cached.url, null)).text;
    expect(sample(text, 'tdg_response_cache_requests_total', { result: 'miss' })).toBe(1);
    expect(sample(text, 'tdg_response_cache_requests_total', { result: 'hit' })).toBe(2);
    // The cache is off on the first gateway: nothing counted there.
    expect(sample((await scrape(fed.gatewayUrl)).text, 'tdg_response_cache_requests_total', { result: 'hit' })).toBeUndefined();
  } finally {
    await cached?.close();
  }
});

test('METRICS=off serves no /metrics; production needs METRICS_TOKEN to turn it on', async () => {
  const off = await startGateway(loadGatewayConfig({ NODE_ENV: 'test', GATEWAY_PORT: String(await freePort()), SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET, ...(await testAuthEnv()), METRICS: 'off' }));
  try {
    expect((await fetch(`${base(off.url)}/metrics`)).status).toBe(404);
  } finally {
    await off.close();
  }
  expect(loadObservabilityConfig({ NODE_ENV: 'production' }).metrics).toBe(false);
  expect(() => loadObservabilityConfig({ NODE_ENV: 'production', METRICS: 'on' })).toThrow(/METRICS_TOKEN: required in production/);
});
