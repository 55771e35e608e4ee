import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { withDatabase } from '@tdg/kit/database-url';
import { importFolder } from '@tdg/kit/load/import-folder';
import { migrate, openOrm } from '@tdg/kit/orm';
import type { SubgraphPackage } from '@tdg/kit/subgraph-package';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import { stopProcesses, waitForHttp } from '../scripts/src/processes.ts';
import { SUBGRAPH_PACKAGES } from '../scripts/src/subgraph-packages.ts';
import { freePort } from './support/free-port.ts';
import { TEST_SIGNING_SECRET } from './support/subgraph-harness.ts';
import { PERSONAS, testAuthEnv, tokenFor } from './support/tokens.ts';

/**
 * What an operator sees, with real processes: the gateway and two subgraphs run as `node …/main.ts` with tracing
 * exported over OTLP/HTTP to a receiver this test runs, JSON logs on their stdout and metrics behind a token. One
 * request for a teacher's inductions (teaching-school-hubs, then local-authorities for each school) must make one
 * trace across the three processes, one log line per process with the request id, and nowhere the TRN asked for.
 */
const ROOT = new URL('..', import.meta.url).pathname;
const METRICS_TOKEN = 'observability-test-token-0123456789abcdef';
const USED = ['teaching-school-hubs', 'local-authorities'];

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: { key: string; value: Record<string, unknown> }[];
}
interface Received {
  service: string;
  span: OtlpSpan;
}

const received: Received[] = [];
const rawExports: string[] = [];
let receiver: Server;
const children: { name: string; child: ChildProcess; out: string[] }[] = [];
let gatewayUrl: string;
let trn: string;

function startReceiver(): Promise<string> {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      let body = Buffer.concat(chunks);
      if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const text = body.toString('utf8');
      rawExports.push(text);
      if (request.url === '/v1/traces') {
        const payload = JSON.parse(text) as {
          resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
        };
        for (const rs of payload.resourceSpans) {
          const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
          for (const ss of rs.scopeSpans) for (const span of ss.spans) received.push({ service, span });
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => receiver.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(receiver.address() as { port: number }).port}`)));
}

function start(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: string[] = [];
  child.stdout?.on('data', (d: Buffer) => out.push(d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => out.push(d.toString('utf8')));
  children.push({ name, child, out });
  return child;
}

async function loadedDatabase(pkg: SubgraphPackage, folder: string): Promise<string> {
  const server = process.env.TEST_DATABASE_SERVER_URL;
  if (!server) throw new Error('TEST_DATABASE_SERVER_URL is not set: run tests through jest (globalSetup)');
  const url = withDatabase(server, `tdg_test_obs_${pkg.info.databaseName.replace(/^tdg_/, '')}_${process.pid}_${Date.now() % 100000}`);
  const orm = await openOrm({ clientUrl: url, entities: pkg.entities, migrationsPath: pkg.migrationsPath });
  try {
    await migrate(orm);
    await importFolder(orm, pkg.importSpec, folder);
  } finally {
    await orm.close();
  }
  return url;
}

beforeAll(async () => {
  const otlp = await startReceiver();
  const data = generateDemoData({ size: 'small', seed: 5 });
  trn = data['ect-inductions.csv'][0].trn;
  const folder = mkdtempSync(join(tmpdir(), 'tdg-observability-'));
  await writeDemoData(data, folder);
  const common = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET,
    METRICS_TOKEN,
    OTEL_EXPORTER_OTLP_ENDPOINT: otlp,
    OTEL_BSP_SCHEDULE_DELAY: '100',
  };
  const urls: Record<string, string> = {};
  await Promise.all(
    SUBGRAPH_PACKAGES.filter((p) => USED.includes(p.info.name)).map(async (pkg) => {
      const port = await freePort();
      const databaseUrl = await loadedDatabase(pkg, folder);
      const child = start(pkg.info.name, join(ROOT, `subgraphs/${pkg.info.name}/src/main.ts`), {
        ...common,
        [`${pkg.info.envPrefix}_DATABASE_URL`]: databaseUrl,
        [`${pkg.info.envPrefix}_PORT`]: String(port),
      });
      urls[`${pkg.info.envPrefix}_URL`] = `http://127.0.0.1:${port}/graphql`;
      await waitForHttp(`http://127.0.0.1:${port}/health`, child);
    }),
  );
  const port = await freePort();
  const gateway = start('gateway', join(ROOT, 'gateway/src/main.ts'), { ...common, ...(await testAuthEnv()), ...urls, GATEWAY_PORT: String(port) });
  gatewayUrl = `http://127.0.0.1:${port}/graphql`;
  await waitForHttp(`http://127.0.0.1:${port}/health`, gateway);
});

afterAll(async () => {
  await stopProcesses(children.map((c) => c.child));
  await new Promise((resolve) => receiver?.close(resolve));
});

const logLines = (name: string) =>
  children
    .find((c) => c.name === name)!
    .out.join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const waitFor = async <T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

test('one request: one trace across the gateway and both subgraphs, one log line each with its id, no TRN anywhere', async () => {
  const requestId = 'obs-test-0123456789abcdef';
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(PERSONAS.admin)}`, 'x-request-id': requestId },
    body: JSON.stringify({
      query: 'query TeacherThread($trn: ID!) { teacher(trn: $trn) { trn inductions { academicYear school { urn name } } } }',
      variables: { trn },
      operationName: 'TeacherThread',
    }),
  });
  const body = (await response.json()) as { data?: { teacher: { trn: string; inductions: { school: { name: string } | null }[] } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  expect(body.data?.teacher.trn).toBe(trn);
  expect(body.data?.teacher.inductions[0].school?.name).toBeTruthy();
  expect(response.headers.get('x-request-id')).toBe(requestId);

  // Logs: one line per process for this request, carrying its id; the gateway's names the subgraphs called.
  const gatewayLine = await waitFor('the gateway log line', () => logLines('gateway').find((l) => l.requestId === requestId));
  expect(gatewayLine).toMatchObject({ level: 'info', service: 'gateway', route: '/graphql', status: 200, operation: 'TeacherThread', outcome: 'ok', errorCodes: [] });
  expect((gatewayLine.subgraphs as string[]).sort()).toEqual([...USED].sort());
  for (const name of USED) {
    const line = await waitFor(`${name}'s log line`, () => logLines(name).find((l) => l.requestId === requestId && l.route === '/graphql'));
    expect(line).toMatchObject({ service: name, status: 200, outcome: 'ok' });
    expect(line.traceId).toBe(gatewayLine.traceId);
  }

  // Traces: every process exported spans of this one trace; the subgraphs' server spans are children of the gateway's
  // fetch spans (traceparent on the signed call), with resolver and SQL spans beneath them.
  const traceId = gatewayLine.traceId as string;
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);
  const ofTrace = () => received.filter((r) => r.span.traceId === traceId);
  await waitFor('spans from all three processes', () => (new Set(ofTrace().map((r) => r.service)).size === 3 ? true : undefined));
  const spans = ofTrace();
  const byId = new Map(spans.map((r) => [r.span.spanId, r]));
  for (const name of ['gateway.request', 'gateway.plan', 'gateway.fetch']) expect(spans.some((r) => r.service === 'gateway' && r.span.name === name)).toBe(true);
  for (const name of USED) {
    const server = spans.find((r) => r.service === name && r.span.name === 'POST /graphql');
    expect(server).toBeDefined();
    expect(byId.get(server!.span.parentSpanId ?? '')?.span.name).toBe('gateway.fetch');
    expect(spans.some((r) => r.service === name && r.span.name.startsWith('resolve '))).toBe(true);
    const sql = spans.filter((r) => r.service === name && r.span.attributes?.some((a) => a.key === 'db.query.text'));
    expect(sql.length).toBeGreaterThan(0);
  }
  const root = spans.find((r) => r.service === 'gateway' && r.span.name === 'POST /graphql');
  expect(root?.span.parentSpanId ?? '').toBe('');

  // No personal data: the TRN is in none of the exported spans and none of the log output of any process.
  expect(rawExports.join('\n')).not.toContain(trn);
  for (const { name, out } of children) expect({ name, out: out.join('') }).toEqual({ name, out: expect.not.stringContaining(trn) });
});

test('every process serves /metrics with the token only, and counted the request', async () => {
  const targets = [gatewayUrl, ...children.filter((c) => c.name !== 'gateway').map((c) => c.name)];
  expect(targets).toHaveLength(3);
  const gatewayBase = gatewayUrl.replace(/\/graphql$/, '');
  expect((await fetch(`${gatewayBase}/metrics`)).status).toBe(401);
  const text = await (await fetch(`${gatewayBase}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  expect(text).toMatch(/tdg_graphql_requests_total\{operation="TeacherThread",type="query",outcome="ok",code="none",service="gateway"\} 1/);
  expect(text).not.toContain(trn);
});

test('an operation name or request id that could carry a TRN is not passed on as it is', async () => {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': trn },
    body: JSON.stringify({ query: `query Teacher${trn} { __typename }`, operationName: `Teacher${trn}` }),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('x-request-id')).not.toBe(trn);
  const line = await waitFor('the log line', () => logLines('gateway').find((l) => l.requestId === response.headers.get('x-request-id')));
  expect(line.operation).toBe('Teacher#######');
  for (const { out } of children) expect(out.join('')).not.toContain(trn);
  // Apollo Gateway's own spans carry the operation name too: made safe before export.
  const traceId = line.traceId as string;
  const request = await waitFor('gateway.request', () => received.find((r) => r.span.traceId === traceId && r.span.name === 'gateway.request'));
  expect(request.span.attributes?.find((a) => a.key === 'graphql.operation.name')?.value).toEqual({ stringValue: 'Teacher#######' });
  expect(rawExports.join('\n')).not.toContain(trn);
});
