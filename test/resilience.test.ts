import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { OPERATION_LIMITS } from '@tdg/gateway';
import { withDatabase } from '@tdg/kit/database-url';
import { type GraphQLSchema, parse } from 'graphql';
import { costDirectivesOf } from '../gateway/src/demand/cost-directives.ts';
import { estimateCost } from '../gateway/src/demand/estimate-cost.ts';
import { checkOperationLimits } from '../gateway/src/plugins/operation-limits.ts';
import { SUBGRAPH_INFOS as SUBGRAPHS } from '../scripts/src/subgraph-packages.ts';
import { CYCLES } from './support/cycles.ts';
import { freePort } from './support/free-port.ts';
import { randomQuery, seededRandom } from './support/query-fuzz.ts';
import { TEST_SIGNING_SECRET } from './support/subgraph-harness.ts';
import { PERSONAS, testAuthEnv, tokenFor } from './support/tokens.ts';

/**
 * The federation as `npm start` runs it in production — real processes under the supervisor, each with its heap bound,
 * the small demo dataset — asked what an analyst might write: the query of issue 13 and the same shape through the
 * graph's other cycles are refused before any subgraph runs a statement; a seeded set of random nested queries within
 * every limit gets data or a clear error while every process's RSS (from /proc) stays under its bound.
 */
const root = join(import.meta.dirname, '..');
const MIB = 1024 * 1024;

interface Proc {
  readonly pid: number;
  readonly name: string;
  /** RSS bound: the process's --max-old-space-size plus 256 MiB for code, semi-spaces, buffers and native memory. */
  readonly boundBytes: number;
}

function childrenOf(parent: number): Proc[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== parent) return [];
        const cmdline = readFileSync(`/proc/${d}/cmdline`, 'utf8');
        const script = /(subgraphs\/[a-z-]+|gateway)\/src\/main\.ts/.exec(cmdline);
        if (!script) return [];
        const options = readFileSync(`/proc/${d}/environ`, 'utf8').split('\0').find((kv) => kv.startsWith('NODE_OPTIONS=')) ?? '';
        const oldSpace = Number(/--max-old-space-size=(\d+)/.exec(options)?.[1] ?? 'NaN');
        return [{ pid: Number(d), name: script[1].replace('subgraphs/', ''), boundBytes: (oldSpace + 256) * MIB }];
      } catch {
        return [];
      }
    });
}

const rss = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

let start: ChildProcess;
let output = '';
let processes: Proc[];
let gatewayUrl: string;
let analyst: string;
const subgraphPorts: Record<string, number> = {};
let schema: GraphQLSchema;
let apiGateway: ApolloGateway;

beforeAll(async () => {
  const server = process.env.TEST_DATABASE_SERVER_URL!;
  const gatewayPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'tdg-resilience-')),
    DEMO_DATA: 'small',
    DATABASE_URL: server,
    GATEWAY_PORT: String(gatewayPort),
    SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SQL_STATEMENT_STATS: '1',
    RATE_LIMIT_PER_MINUTE_ANALYST: '0',
    ...(await testAuthEnv()),
  };
  const suffix = `${process.pid}_${Date.now() % 100000}`;
  for (const s of SUBGRAPHS) {
    subgraphPorts[s.name] = await freePort();
    env[`${s.envPrefix}_PORT`] = String(subgraphPorts[s.name]);
    env[`${s.envPrefix}_DATABASE_URL`] = withDatabase(server, `tdg_resilience_${s.name.replaceAll('-', '_')}_${suffix}`);
  }
  start = spawn(process.execPath, [join(root, 'scripts/src/start.ts')], { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  start.stdout!.on('data', (d) => (output += d));
  start.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 240_000;
  while (!output.includes('The graph is up')) {
    if (start.exitCode !== null) throw new Error(`npm start exited ${start.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  processes = childrenOf(start.pid!);
  analyst = await tokenFor(PERSONAS['national-analyst']);
  const sdl = readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8');
  apiGateway = new ApolloGateway({ supergraphSdl: sdl });
  ({ schema } = await apiGateway.load());
}, 300_000);

afterAll(async () => {
  await apiGateway?.stop();
  if (start && start.exitCode === null) {
    start.kill('SIGINT');
    await new Promise((r) => start.once('exit', r));
  }
});

async function ask(query: string, token = analyst) {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

const statements = async () =>
  Object.fromEntries(
    await Promise.all(SUBGRAPHS.map(async (s) => [s.name, ((await (await fetch(`http://127.0.0.1:${subgraphPorts[s.name]}/stats/sql`)).json()) as { statements: number }).statements])),
  );

test('every process runs with its heap bound: the subgraphs 512 MiB, the gateway 384 MiB', () => {
  expect(processes.map((p) => p.name).sort()).toEqual(['gateway', ...SUBGRAPHS.map((s) => s.name)].sort());
  for (const p of processes) expect(p.boundBytes).toBe(((p.name === 'gateway' ? 384 : 512) + 256) * MIB);
});

test.each(CYCLES)('%s, as a national analyst in production: COST_LIMIT_EXCEEDED before any subgraph runs a statement', async (_cycle, query) => {
  const before = await statements();
  const answer = await ask(query);
  expect(answer.status).toBe(400);
  expect(answer.body.data ?? null).toBeNull();
  const [error] = answer.body.errors!;
  expect(error.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', budget: OPERATION_LIMITS.analyst.cost });
  expect(error.extensions!.cost).toBeGreaterThan(OPERATION_LIMITS.admin.cost);
  expect(error.message).toMatch(/Most of it is the list \w+\.\w+ .*(nested or repeated|asked for)/);
  expect(await statements()).toEqual(before);
  // Every process still up, none restarted.
  expect(childrenOf(start.pid!).map((p) => p.pid).sort()).toEqual(processes.map((p) => p.pid).sort());
});

test('a seeded set of random nested queries within every limit: data or a clear error, no process over its bound', async () => {
  const random = seededRandom(13);
  const limits = OPERATION_LIMITS.analyst;
  const directives = costDirectivesOf(readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8'));
  const queries: string[] = [];
  for (let tries = 0; queries.length < 60 && tries < 5000; tries += 1) {
    const query = randomQuery(schema, random, { maxDepth: 1 + Math.floor(random() * limits.depth), maxAliases: 3, width: 3 });
    const document = parse(query);
    if (checkOperationLimits(schema, document, query, limits, 'analyst').length > 0) continue;
    if (estimateCost(schema, document, { directives }).cost > limits.cost) continue;
    queries.push(query);
  }
  expect(queries.length).toBe(60);
  const peak = new Map(processes.map((p) => [p.pid, rss(p.pid)]));
  const sampler = setInterval(() => {
    for (const p of processes) peak.set(p.pid, Math.max(peak.get(p.pid)!, rss(p.pid)));
  }, 50);
  const outcomes: Record<string, number> = {};
  try {
    for (const query of queries) {
      const { status, body } = await ask(query);
      const codes = (body.errors ?? []).map((e) => String(e.extensions?.code));
      // Data, or errors that each carry a stable code (FORBIDDEN for what an analyst may not read, …); never a crash.
      expect(status === 200 || status === 400).toBe(true);
      expect(body.data !== undefined || codes.length > 0).toBe(true);
      expect(codes).not.toContain('undefined');
      expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
      expect(codes).not.toContain('SUBGRAPH_UNAVAILABLE');
      for (const code of codes.length ? codes : ['data']) outcomes[code] = (outcomes[code] ?? 0) + 1;
    }
  } finally {
    clearInterval(sampler);
  }
  console.log('fuzz outcomes', outcomes, 'peak RSS MiB', Object.fromEntries(processes.map((p) => [p.name, Math.round(peak.get(p.pid)! / MIB)])));
  expect(outcomes.data).toBeGreaterThan(0);
  for (const p of processes) expect(peak.get(p.pid)!).toBeLessThan(p.boundBytes);
  expect(childrenOf(start.pid!).map((p) => p.pid).sort()).toEqual(processes.map((p) => p.pid).sort());
  expect(output).not.toMatch(/restarting in/);
}, 600_000);
