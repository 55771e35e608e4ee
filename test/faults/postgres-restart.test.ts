import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import pg from 'pg';
import { PROJECT_ROOT } from '../../scripts/src/project-config.ts';
import { embeddedServer, machinePostgresBin, machineServer, type RestartableServer, runScript } from '../support/postgres-servers.ts';
import { type ProcessFederation, startProcessFederation } from '../support/process-federation.ts';
import { adminToken, demoFolder, overviewRequests } from './fixture.ts';
import { type GraphqlRequest, type RequestRecord, send, startLoad, waitUntil } from './load.ts';
import { figures, report } from './report.ts';

/**
 * PostgreSQL restarted under the running federation (subgraph and gateway processes): the embedded server `npm start`
 * runs, and a server of this machine's PostgreSQL as `DATABASE_URL` names one — each a server of the test's own, in a
 * temporary folder on a free port, so stopping it disturbs no one. The subgraphs must reconnect by themselves; every
 * write acknowledged before the restart must be there after it; a write during the outage fails with a clear error and
 * leaves nothing behind; an import cut by the outage, or started during it, rolls back whole.
 */
// Real processes on a shared machine: generous bounds (the assertions are about order and outcomes, not speed).
jest.setTimeout(300_000);

const bin = machinePostgresBin();
const servers: [string, () => Promise<RestartableServer>][] = [
  ['embedded', embeddedServer],
  // The machine's PostgreSQL (the CI machine has it: /usr/lib/postgresql/<version>/bin).
  ...(bin ? ([['server (DATABASE_URL)', () => machineServer(bin)]] as [string, () => Promise<RestartableServer>][]) : []),
];
if (!bin) console.warn('no /usr/lib/postgresql/*/bin/initdb on this machine: the DATABASE_URL server case is not run');

const registerSchool = `mutation Register($input: RegisterSchoolInput!) { registerSchool(input: $input) { urn name } }`;
const schoolQuery = `query School($urn: ID!) { school(urn: $urn) { urn name } }`;

let folder: string;
let laCode: string;
let token: string;
let overview: (i: number) => GraphqlRequest;
const cleanup: string[] = [];

beforeAll(async () => {
  const demo = await demoFolder();
  folder = demo.folder;
  cleanup.push(folder);
  laCode = (parse(readFileSync(join(folder, 'schools.csv'), 'utf8'), { columns: true }) as { la_code: string }[])[0].la_code;
  token = await adminToken();
  overview = await overviewRequests();
});
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the demo folder with every school renamed: importing it changes every school's name. */
function renamedFolder(): string {
  const copy = mkdtempSync(join(tmpdir(), 'tdg-faults-renamed-'));
  cleanup.push(copy);
  cpSync(folder, copy, { recursive: true });
  const rows = parse(readFileSync(join(copy, 'schools.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  writeFileSync(join(copy, 'schools.csv'), stringify(rows.map((r) => ({ ...r, name: `${r.name} (renamed)` })), { header: true }));
  return copy;
}

describe.each(servers)('PostgreSQL restarted: %s', (kind, startServer) => {
  let server: RestartableServer;
  let fed: ProcessFederation;
  let urn = kind === 'embedded' ? 990_000 : 995_000;
  const write = (): Promise<RequestRecord & { urn: string }> => {
    const u = String(urn++);
    return send(fed.gatewayUrl, { query: registerSchool, variables: { input: { urn: u, name: `Fault test school ${u}`, laCode, phase: 'PRIMARY', typeGroup: 'ACADEMY', status: 'OPEN' } }, token }).then((r) => ({ ...r, urn: u }));
  };
  const schoolExists = async (u: string) => {
    const r = await fetch(fed.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: schoolQuery, variables: { urn: u } }) });
    const body = (await r.json()) as { data?: { school: { urn: string } | null }; errors?: unknown[] };
    if (body.errors) throw new Error(`school(${u}): ${JSON.stringify(body.errors)}`);
    return body.data?.school?.urn === u;
  };
  const importEnv = () => ({
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'test',
    DATABASE_URL: server.serverUrl,
    LOCAL_AUTHORITIES_DATABASE_URL: fed.databaseUrls['local-authorities'],
  });

  beforeAll(async () => {
    server = await startServer();
    fed = await startProcessFederation({ serverUrl: server.serverUrl, folder });
  }, 300_000);
  afterAll(async () => {
    await fed?.close();
    await server?.stop().catch(() => undefined);
  });

  test('subgraphs reconnect by themselves; acknowledged writes survive; writes and imports during the outage fail whole and clearly', async () => {
    const reads = startLoad(fed.gatewayUrl, overview, { concurrency: 2, requestTimeoutMs: 20_000 });
    const writes: (RequestRecord & { urn: string })[] = [];
    let writing = true;
    const writer = (async () => {
      while (writing) {
        writes.push(await write());
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    await waitUntil('writes acknowledged before the restart', () => writes.filter((w) => w.outcome === 'answered').length >= 5, 60_000);

    await server.stop();
    const stoppedAt = Date.now();
    // During the outage: a write fails with a clear error, an import fails and says why.
    const duringOutage = await write();
    const outageImport = await runScript(join(PROJECT_ROOT, 'scripts/src/import.ts'), [renamedFolder(), '--only', 'local-authorities'], importEnv()).done;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 2000 - (Date.now() - stoppedAt))));

    await server.start();
    const restartedAt = Date.now();
    const recoveryMs = await waitUntil('a full answer and an acknowledged write after the restart', async () => {
      const read = reads.records.some((r) => r.startedAt >= restartedAt && r.outcome === 'answered');
      return read && writes.some((w) => w.startedAt >= restartedAt && w.outcome === 'answered');
    }, 30_000, 50);
    await waitUntil('/ready after the restart', async () => (await fetch(`${fed.gatewayBase}/ready`)).status === 200, 15_000);
    writing = false;
    await writer;
    const readRecords = await reads.stop();

    // Every acknowledged write is there; no refused write left anything behind.
    const acknowledged = writes.filter((w) => w.outcome === 'answered');
    const refused = [duringOutage, ...writes.filter((w) => w.outcome !== 'answered')];
    const lost = (await Promise.all(acknowledged.map(async (w) => ((await schoolExists(w.urn)) ? 0 : 1)))).reduce<number>((a, b) => a + b, 0);
    const leftBehind = (await Promise.all(refused.map(async (w) => ((await schoolExists(w.urn)) ? w.urn : null)))).filter(Boolean);
    report(
      figures(`PostgreSQL restarted (${kind}): reads and writes through the gateway`, [...readRecords, ...writes, duringOutage], {
        lostWrites: lost,
        recoverySeconds: recoveryMs / 1000,
        notes: `${acknowledged.length} writes acknowledged, ${refused.length} refused during the outage`,
      }),
    );
    expect(lost).toBe(0);
    expect(leftBehind).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(5);

    // The refused write says clearly that the database is unavailable, and that nothing was written.
    expect(duringOutage.outcome).toBe('partial');
    expect(duringOutage.errors).toHaveLength(1);
    expect(duringOutage.errors[0]).toMatchObject({ code: 'DATABASE_UNAVAILABLE', serviceName: 'local-authorities' });
    expect(duringOutage.errors[0].message).toMatch(/database.*unavailable.*nothing was (written|changed)/i);
    // The import during the outage failed with a clear message and a non-zero exit.
    expect(outageImport.code).not.toBe(0);
    expect(outageImport.output).toMatch(/ECONNREFUSED|connect|database/i);
    // Reads failed only while the server was down; none hung.
    expect(readRecords.filter((r) => r.outcome === 'failed' && (r.endedAt < stoppedAt || r.startedAt > restartedAt + recoveryMs))).toEqual([]);
  });

  test('an import cut off by the restart rolls back whole; the same import succeeds afterwards', async () => {
    const renamed = renamedFolder();
    const names = async () => {
      const client = new pg.Client({ connectionString: fed.databaseUrls['local-authorities'] });
      await client.connect();
      try {
        const { rows } = await client.query<{ renamed: string; total: string }>(`select count(*) filter (where name like '% (renamed)') as renamed, count(*) as total from school`);
        return { renamed: Number(rows[0].renamed), total: Number(rows[0].total) };
      } finally {
        await client.end();
      }
    };
    const before = await names();
    expect(before.renamed).toBe(0);

    // Stop the server while the import's transaction is open, past its writes to the schools: a lock on the audit
    // trail (which the load writes last, in the same transaction) holds it there.
    const database = new URL(fed.databaseUrls['local-authorities']).pathname.slice(1);
    const holder = new pg.Client({ connectionString: fed.databaseUrls['local-authorities'] });
    holder.on('error', () => undefined);
    await holder.connect();
    await holder.query('begin');
    await holder.query('lock table audit_entry in exclusive mode');
    const run = runScript(join(PROJECT_ROOT, 'scripts/src/import.ts'), [renamed, '--only', 'local-authorities'], importEnv());
    let exited = false;
    void run.done.then(() => (exited = true));
    // Watched from another connection: inside the holder's transaction pg_stat_activity would not change.
    const watcher = new pg.Client({ connectionString: fed.databaseUrls['local-authorities'] });
    watcher.on('error', () => undefined);
    await watcher.connect();
    let cut = false;
    try {
      await waitUntil('the import waiting to write its audit entry', async () => {
        if (exited) throw new Error(`the import ended before it was cut off:\n${(await run.done).output}`);
        const { rows } = await watcher.query(`select 1 from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and wait_event_type = 'Lock'`, [database]);
        return rows.length > 0;
      }, 120_000, 20);
      cut = true;
    } finally {
      await watcher.end().catch(() => undefined);
    }
    // The lock is held until the server stops: the import never gets past it.
    await server.stop();
    holder.end().catch(() => undefined);
    const outcome = await run.done;
    await server.start();
    const after = await waitForNames(names);
    report(figures(`import cut off by a PostgreSQL restart (${kind})`, [], { notes: `import exit ${outcome.code}; schools renamed after: ${after.renamed} of ${after.total}` }));
    expect(cut).toBe(true);
    // The cut-off import says it failed (non-zero exit), and nothing of it was committed.
    expect(outcome.code).not.toBe(0);
    expect(outcome.output).toMatch(/import failed/);
    expect(after).toEqual(before);

    // The subgraph and the gateway serve the unchanged data; the same import, run again, loads whole.
    await waitUntil('/ready after the restart', async () => (await fetch(`${fed.gatewayBase}/ready`)).status === 200, 30_000);
    const again = await runScript(join(PROJECT_ROOT, 'scripts/src/import.ts'), [renamed, '--only', 'local-authorities'], importEnv()).done;
    expect({ code: again.code, output: again.output }).toMatchObject({ code: 0 });
    // Every school of the folder renamed (the schools registered by the test before are not in it).
    const inFolder = (parse(readFileSync(join(renamed, 'schools.csv'), 'utf8'), { columns: true }) as unknown[]).length;
    expect(await names()).toEqual({ renamed: inFolder, total: before.total });
  });
});

/** Reads once the server accepts connections again. */
async function waitForNames<T>(read: () => Promise<T>): Promise<T> {
  let result: T | undefined;
  await waitUntil('the database after the restart', async () => {
    try {
      result = await read();
      return true;
    } catch {
      return false;
    }
  }, 30_000);
  return result as T;
}
