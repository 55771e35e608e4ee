/**
 * `npm run soak -- --minutes N [--rate R] [--size small|region]`: the federation as real processes (four subgraphs and
 * the gateway, on loopback) under a fixed rate of requests for N minutes, over a realistic mix: the dashboard operations
 * across every region with varied variables, ad-hoc analyst queries, and a trickle of writes by an LA's staff through
 * the mutations. Every minute it prints the requests, errors, p50/p99 and the RSS of every process; at the end it
 * exits non-zero on any error or when a process's memory keeps growing (a trend test over its samples: trend.ts).
 *
 * PostgreSQL: DATABASE_URL's server when set, else an embedded one of its own in a temporary folder; the soak's
 * databases are made fresh and dropped at the end.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '@tdg/kit/embedded-postgres';
import { generateDemoData, writeDemoData } from '../../../scripts/src/demo-data/generate.ts';
import { PROJECT_ROOT } from '../../../scripts/src/project-config.ts';
import { freePort } from '../../../test/support/free-port.ts';
import { startProcessFederation } from '../../../test/support/process-federation.ts';
import { PERSONAS, tokenFor } from '../../../test/support/tokens.ts';
import { AD_HOC_DISADVANTAGED_SCHOOLS, AD_HOC_HUB_COVERAGE } from '../operations.ts';
import { memoryTrend, percentile, type Sample } from './trend.ts';

const { values: args } = parseArgs({
  options: { minutes: { type: 'string' }, rate: { type: 'string', default: '20' }, size: { type: 'string', default: 'small' }, seed: { type: 'string', default: '1' } },
});
const minutes = Number(args.minutes);
const rate = Number(args.rate);
if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 240) {
  console.error('usage: npm run soak -- --minutes N [--rate R] [--size small|region]   (N: 0 < N <= 240; R: requests per second, default 20)');
  process.exit(2);
}
if (!Number.isFinite(rate) || rate <= 0 || rate > 500) {
  console.error('--rate must be a number of requests per second, 0 < R <= 500');
  process.exit(2);
}
if (args.size !== 'small' && args.size !== 'region') {
  console.error('--size must be small or region');
  process.exit(2);
}

const log = (line: string) => console.log(`[soak] ${line}`);
const REGIONS = ['A', 'B', 'D', 'E', 'F', 'G', 'H', 'J', 'K'];
const YEARS = [2021, 2022, 2023, 2024];
const op = (name: string) => readFileSync(join(PROJECT_ROOT, 'schema/operations', `${name}.graphql`), 'utf8');

// Data: the demo dataset in a temporary folder; every subgraph loads it into fresh databases.
const scratch = mkdtempSync(join(tmpdir(), 'tdg-soak-'));
const data = generateDemoData({ size: args.size, seed: Number(args.seed) });
await writeDemoData(data, join(scratch, 'data'));
const rows = data as unknown as Record<string, Record<string, string>[]>;
const column = (file: string, name: string) => [...new Set((rows[file] ?? []).map((r) => String(r[name])).filter((v) => v && v !== 'undefined' && v !== 'null'))];
const schools = column('schools.csv', 'urn');
const laCodes = column('local-authorities.csv', 'la_code');
const scittIds = column('scitts.csv', 'scitt_id');
const trns = column('trainees.csv', 'trn');
const staffSchools = (rows['schools.csv'] ?? []).filter((r) => String(r.la_code) === '808').map((r) => String(r.urn));

let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
let serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  log('starting an embedded PostgreSQL of its own');
  embedded = await startEmbeddedPostgres({ dataDir: join(scratch, 'postgres'), port: await freePort(), persistent: false });
  serverUrl = embedded.serverUrl;
}
log(`loading the ${args.size} demo dataset and starting the subgraphs and the gateway`);
process.env.TEST_DATABASE_SERVER_URL = serverUrl;
const fed = await startProcessFederation({ serverUrl, folder: join(scratch, 'data') });
const stopAll = async () => {
  await fed.close();
  await embedded?.stop();
  rmSync(scratch, { recursive: true, force: true });
};
process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

const analyst = await tokenFor(PERSONAS['national-analyst']);
const admin = await tokenFor(PERSONAS.admin);
const laStaff = await tokenFor(PERSONAS['la-staff']);

interface Request {
  readonly kind: 'dashboard' | 'ad-hoc' | 'write';
  readonly body: Record<string, unknown>;
  readonly token: string;
}
const pick = <T>(list: readonly T[], i: number): T => list[Math.abs(i * 2654435761) % list.length];
let writes = 0;
/** The i-th request of the mix: ~78 % dashboard operations, ~20 % ad-hoc queries, ~2 % writes by an LA's staff. */
function request(i: number): Request {
  const region = pick(REGIONS, i);
  const year = pick(YEARS, i >> 3);
  const slot = i % 50;
  if (slot === 7 && staffSchools.length > 0) {
    writes += 1;
    if (writes % 2 === 1) {
      const urn = String(960_000 + writes);
      return { kind: 'write', token: laStaff, body: { query: 'mutation R($input: RegisterSchoolInput!) { registerSchool(input: $input) { urn } }', variables: { input: { urn, name: `Soak school ${urn}`, laCode: '808', phase: 'PRIMARY', typeGroup: 'ACADEMY', status: 'OPEN' } } } };
    }
    return { kind: 'write', token: laStaff, body: { query: 'mutation U($urn: ID!, $input: UpdateSchoolInput!) { updateSchool(urn: $urn, input: $input) { urn } }', variables: { urn: pick(staffSchools, i), input: { numberOfPupils: 100 + (i % 400) } } } };
  }
  if (slot % 5 === 0) {
    return slot % 10 === 0
      ? { kind: 'ad-hoc', token: analyst, body: { query: AD_HOC_DISADVANTAGED_SCHOOLS, operationName: 'AdHocDisadvantagedSchools', variables: { regionCode: region, academicYear: year } } }
      : { kind: 'ad-hoc', token: analyst, body: { query: AD_HOC_HUB_COVERAGE, operationName: 'AdHocHubCoverage', variables: { regionCode: region, academicYear: year } } };
  }
  switch (i % 7) {
    case 0:
      return { kind: 'dashboard', token: analyst, body: { query: op('regional-overview'), operationName: 'RegionalOverview', variables: { regionCode: region, academicYear: year } } };
    case 1:
      return { kind: 'dashboard', token: analyst, body: { query: op('cold-spots'), operationName: 'ColdSpots', variables: { regionCode: region, fromYear: year - 2, toYear: year } } };
    case 2:
      return { kind: 'dashboard', token: analyst, body: { query: op('cold-spots'), operationName: 'LocalAuthorityColdSpots', variables: { laCode: pick(laCodes, i), fromYear: year - 2, toYear: year } } };
    case 3:
      return { kind: 'dashboard', token: analyst, body: { query: op('growing-our-own'), operationName: 'GrowingOurOwn', variables: { scittId: pick(scittIds, i), academicYear: year - 1 } } };
    case 4:
      return { kind: 'dashboard', token: admin, body: { query: op('golden-thread'), operationName: 'SchoolGoldenThread', variables: { urn: pick(schools, i) } } };
    case 5:
      return trns.length > 0
        ? { kind: 'dashboard', token: admin, body: { query: op('golden-thread'), operationName: 'TeacherGoldenThread', variables: { trn: pick(trns, i) } } }
        : { kind: 'dashboard', token: admin, body: { query: op('golden-thread'), operationName: 'SchoolGoldenThread', variables: { urn: pick(schools, i + 1) } } };
    default:
      return { kind: 'dashboard', token: analyst, body: { query: op('support-and-engagement'), operationName: 'SupportAndEngagement', variables: { regionCode: region, academicYear: year } } };
  }
}

interface Result {
  readonly at: number;
  readonly ms: number;
  readonly ok: boolean;
  readonly kind: Request['kind'];
  readonly problem?: string;
  /** False for a request not sent because too many were in flight (an error, but no latency). */
  readonly sent?: boolean;
}
const results: Result[] = [];
let inFlight = 0;
let skipped = 0;
/** Bound on requests in flight: past it the machine cannot keep the rate, which is reported as errors. */
const MAX_IN_FLIGHT = Math.max(50, rate * 10);

async function fire(i: number): Promise<void> {
  const r = request(i);
  const started = performance.now();
  const at = Date.now();
  inFlight += 1;
  try {
    const response = await fetch(fed.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}` },
      body: JSON.stringify(r.body),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
    const ok = response.status === 200 && body.data != null && !body.errors?.length;
    results.push({ at, ms: performance.now() - started, ok, kind: r.kind, problem: ok ? undefined : `${r.body.operationName ?? r.kind}: HTTP ${response.status} ${body.errors?.map((e) => e.extensions?.code ?? e.message).join(', ') ?? ''}` });
  } catch (error) {
    results.push({ at, ms: performance.now() - started, ok: false, kind: r.kind, problem: `${r.body.operationName ?? r.kind}: ${(error as Error).message}` });
  } finally {
    inFlight -= 1;
  }
}

const processes = [fed.gateway, ...Object.values(fed.subgraphs)];
const rssMiB = (pid: number | undefined): number | null => {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
};
const memory = new Map<string, Sample[]>(processes.map((p) => [p.name, []]));
const start = Date.now();
const end = start + minutes * 60_000;
const sampler = setInterval(() => {
  for (const p of processes) {
    const mib = rssMiB(p.child.pid);
    if (mib !== null) memory.get(p.name)?.push({ t: Date.now() - start, mib });
  }
}, 2000);

log(`${minutes} min at ${rate} requests/s against ${fed.gatewayUrl} (mix: dashboards across ${REGIONS.length} regions, ad-hoc queries, LA staff writes)`);
const names = processes.map((p) => p.name);
console.log(['minute', 'requests', 'errors', 'p50 ms', 'p99 ms', ...names.map((n) => `${n} MiB`)].join('\t'));
let minute = 0;
const printMinute = () => {
  const from = start + minute * 60_000;
  const slice = results.filter((r) => r.at >= from && r.at < from + 60_000);
  const durations = slice.filter((r) => r.sent !== false).map((r) => r.ms);
  const fmt = (v: number | null) => (v === null ? '-' : v.toFixed(0));
  const rss = names.map((n) => fmt(memory.get(n)?.at(-1)?.mib ?? null));
  console.log([minute + 1, slice.length, slice.filter((r) => !r.ok).length, fmt(percentile(durations, 50)), fmt(percentile(durations, 99)), ...rss].join('\t'));
  minute += 1;
};

// A fixed rate, open loop: request i leaves at start + i / rate whatever the previous ones are doing.
let i = 0;
const pending = new Set<Promise<void>>();
while (Date.now() < end) {
  const due = start + (i * 1000) / rate;
  const wait = due - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  if (Date.now() >= start + (minute + 1) * 60_000) printMinute();
  if (inFlight >= MAX_IN_FLIGHT) {
    skipped += 1;
    results.push({ at: Date.now(), ms: 0, ok: false, sent: false, kind: request(i).kind, problem: `more than ${MAX_IN_FLIGHT} requests in flight: the rate is not kept` });
  } else {
    const p = fire(i).finally(() => pending.delete(p));
    pending.add(p);
  }
  i += 1;
}
await Promise.all(pending);
while (minute < Math.ceil(minutes)) printMinute();
clearInterval(sampler);

const errors = results.filter((r) => !r.ok);
const all = results.filter((r) => r.sent !== false).map((r) => r.ms);
const byKind = (k: Request['kind']) => results.filter((r) => r.kind === k).length;
log(`${results.length} requests (${byKind('dashboard')} dashboard, ${byKind('ad-hoc')} ad-hoc, ${byKind('write')} writes), ${errors.length} errors, p50 ${percentile(all, 50)?.toFixed(0)} ms, p99 ${percentile(all, 99)?.toFixed(0)} ms${skipped ? `, ${skipped} not sent (too many in flight)` : ''}`);
let failed = errors.length > 0;
for (const problem of [...new Set(errors.map((e) => e.problem))].slice(0, 10)) log(`error: ${problem}`);
for (const [name, samples] of memory) {
  const verdict = memoryTrend(samples);
  const first = samples[0]?.mib ?? 0;
  const last = samples.at(-1)?.mib ?? 0;
  log(`memory ${name}: ${first.toFixed(0)} -> ${last.toFixed(0)} MiB over ${samples.length} samples; trend z ${verdict.z.toFixed(2)}, fitted rise ${verdict.riseMiB.toFixed(1)} MiB after warm-up${verdict.growing ? ' — KEEPS GROWING' : ''}`);
  if (verdict.growing) failed = true;
}
await stopAll();
log(failed ? 'FAILED: errors or memory that keeps growing' : 'passed: no errors, no memory growth');
process.exit(failed ? 1 : 0);
