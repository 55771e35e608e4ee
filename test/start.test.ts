import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GATEWAY_NODE_OPTIONS } from '@tdg/gateway';
import { SUBGRAPH_NODE_OPTIONS } from '@tdg/kit/node-options';
import { freePort } from './support/free-port.ts';

/**
 * `npm start` as a user runs it: a real process tree (embedded PostgreSQL, four subgraphs, gateway) with the small demo
 * dataset, queried over HTTP, stopped with Ctrl-C (SIGINT), started again on the same data; `npm run import` while it
 * runs is visible through the gateway without a restart; a subgraph killed while it runs is restarted by the supervisor.
 */
const root = join(import.meta.dirname, '..');

interface Started {
  child: ChildProcess;
  output: () => string;
}

async function start(env: NodeJS.ProcessEnv): Promise<Started> {
  let output = '';
  const child = spawn(process.execPath, [join(root, 'scripts/src/start.ts')], { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  // Generous: on a loaded 2-core machine the five processes take minutes to boot.
  const deadline = Date.now() + 400_000;
  while (!output.includes('The graph is up')) {
    if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      // Stop what it started, so that the next test does not find its ports and data taken.
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
      throw new Error(`npm start did not come up:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => output };
}

/** Ctrl-C: exits as a process interrupted by SIGINT does (130), having stopped everything it started. */
async function stop({ child }: Started): Promise<number | null> {
  child.kill('SIGINT');
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
const INTERRUPTED = 130;

/** Child processes of a process, from /proc: pid, command line and environment. */
function childrenOf(parent: number): { pid: number; cmdline: string; environ: Record<string, string> }[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== parent) return [];
        const environ = Object.fromEntries(
          readFileSync(`/proc/${d}/environ`, 'utf8')
            .split('\0')
            .filter(Boolean)
            .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
        );
        return [{ pid: Number(d), cmdline: readFileSync(`/proc/${d}/cmdline`, 'utf8').replaceAll('\0', ' '), environ }];
      } catch {
        return []; // gone meanwhile
      }
    });
}

async function until(what: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await Promise.resolve().then(what).catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function query(port: number, q: string, token?: string) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: q }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

const portAnswers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tdg-start-'));
  let env: NodeJS.ProcessEnv;
  let gatewayPort: number;
  let pgPort: number;

  beforeAll(async () => {
    gatewayPort = await freePort();
    pgPort = await freePort();
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      DEMO_DATA: 'small',
      GATEWAY_PORT: String(gatewayPort),
      LOCAL_AUTHORITIES_PORT: String(await freePort()),
      TEACHING_SCHOOL_HUBS_PORT: String(await freePort()),
      SCITTS_PORT: String(await freePort()),
      CURRICULUM_HUBS_PORT: String(await freePort()),
      SCHOOL_AREAS_REFRESH_SECONDS: '1',
    };
  });

  let adminToken: string;
  const readDevTokens = () =>
    Object.fromEntries(
      Object.entries((JSON.parse(readFileSync(join(dataDir, 'dev-tokens.json'), 'utf8')) as { tokens: Record<string, { token: string }> }).tokens).map(([k, v]) => [k, v.token]),
    );

  test('starts everything with demo data, serves cross-subgraph queries, stops on Ctrl-C and restarts on the same data', async () => {
    const first = await start(env);
    try {
      expect(first.output()).toContain('loading demo data');
      const health = await fetch(`http://127.0.0.1:${gatewayPort}/health`);
      expect(health.status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${gatewayPort}/ready`);
      expect(ready.status).toBe(200);
      // Development: a token per role, printed and written to DATA_DIR/dev-tokens.json, signed with a key kept there.
      expect(first.output()).toContain('Development tokens');
      const devTokens = readDevTokens();
      expect(Object.keys(devTokens)).toEqual(['admin', 'national-analyst', 'regional-analyst', 'scitt-staff', 'tsh-staff', 'la-staff', 'hub-staff', 'rs-staff']);
      for (const name of Object.keys(devTokens)) expect(first.output()).toContain(devTokens[name]);
      expect(statSync(join(dataDir, 'secrets', 'jwt-private-key.pem')).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, 'dev-tokens.json')).mode & 0o777).toBe(0o600);
      adminToken = devTokens.admin;
      const forged = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken.slice(0, -4)}AAAA` },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(forged.status).toBe(401);

      const res = await query(gatewayPort, '{ scitt(id: "70245") { name partnerSchoolCount leadSchool { localAuthority { name } } } }', adminToken);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({
        scitt: { name: 'Stockton-on-Tees Teacher Training Partnership', partnerSchoolCount: 22, leadSchool: { localAuthority: { name: 'Stockton-on-Tees' } } },
      });

      // The research-schools subgraph's own demo data (its package's demoData hook), read as its staff (rs:RS-A1).
      const rs = await query(
        gatewayPort,
        '{ researchSchool(id: "RS-A1") { designation regionCode programmes(academicYear: 2024) { schoolCount } } region(code: "A") { researchEngagement(academicYear: 2024) { participations } } }',
        devTokens['rs-staff'],
      );
      expect(rs.errors).toBeUndefined();
      const rsData = rs.data as { researchSchool: { designation: string; regionCode: string; programmes: { schoolCount: number }[] }; region: { researchEngagement: { participations: number } } };
      expect(rsData.researchSchool).toMatchObject({ designation: 'RESEARCH_SCHOOL', regionCode: 'A' });
      expect(rsData.researchSchool.programmes.length).toBeGreaterThan(0);
      expect(rsData.region.researchEngagement.participations).toBeGreaterThanOrEqual(rsData.researchSchool.programmes[0].schoolCount);

      // An import while the servers run shares the embedded database and shows through the gateway at once.
      const folder = mkdtempSync(join(tmpdir(), 'tdg-start-import-'));
      writeFileSync(join(folder, 'schools.csv'), 'urn,name,la_code,phase,type_group,status\n999991,Imported While Running School,808,PRIMARY,ACADEMY,OPEN\n');
      const imported = spawnSync(process.execPath, [join(root, 'scripts/src/import.ts'), folder, '--only', 'local-authorities'], { env, cwd: root, encoding: 'utf8' });
      expect(imported.status).toBe(0);
      const after = await query(gatewayPort, '{ school(urn: "999991") { name localAuthority { code } } }');
      expect(after.data).toEqual({ school: { name: 'Imported While Running School', localAuthority: { code: '808' } } });
      // The engagement subgraphs keep their URN → LA lookup in step with the register (SCHOOL_AREAS_URL, set by npm start):
      // the new school is in their next refresh.
      const total = ((await query(gatewayPort, '{ schools { totalCount } }')).data as { schools: { totalCount: number } }).schools.totalCount;
      const refreshed = new RegExp(`\\[scitts\\] school areas: ${total} schools from http://127\\.0\\.0\\.1:${env.LOCAL_AUTHORITIES_PORT}/reference/school-areas\\.csv`);
      for (let i = 0; i < 200 && !refreshed.test(first.output()); i++) await new Promise((r) => setTimeout(r, 100));
      expect(first.output()).toMatch(refreshed);

    } finally {
      expect(await stop(first)).toBe(INTERRUPTED);
    }
    // Everything stopped: the gateway, the subgraphs and the embedded PostgreSQL no longer answer.
    for (const port of [gatewayPort, Number(env.SCITTS_PORT), Number(env.LOCAL_AUTHORITIES_PORT)]) {
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    }
    await expect(portAnswers(pgPort)).resolves.toBe(false);

    const second = await start(env);
    try {
      expect(second.output()).not.toContain('loading demo data');
      const res = await query(gatewayPort, '{ school(urn: "999991") { name } }');
      expect(res.data).toEqual({ school: { name: 'Imported While Running School' } });
      // The development key is kept: a token printed by the first start still verifies.
      expect((await query(gatewayPort, '{ scitt(id: "70245") { partnerSchoolCount } }', adminToken)).data).toEqual({ scitt: { partnerSchoolCount: 22 } });
    } finally {
      expect(await stop(second)).toBe(INTERRUPTED);
    }
  }, 900_000);

  test('a subgraph that dies is restarted by the supervisor, the reason logged; every process runs with its heap bound', async () => {
    const running = await start(env);
    try {
      // Each subgraph runs with its heap bound (subgraphs/kit/src/node-options.ts), the gateway with its own.
      const scitts = childrenOf(running.child.pid!).find((c) => c.cmdline.includes('subgraphs/scitts/src/main.ts'))!;
      expect(scitts.environ.NODE_OPTIONS).toContain(SUBGRAPH_NODE_OPTIONS);
      const gateway = childrenOf(running.child.pid!).find((c) => c.cmdline.includes('gateway/src/main.ts'))!;
      expect(gateway.environ.NODE_OPTIONS).toContain(GATEWAY_NODE_OPTIONS);
      // A subgraph that dies is restarted by the supervisor, the reason logged; the rest keeps serving meanwhile.
      const scittQuery = '{ regions { code } scitt(id: "70245") { partnerSchoolCount } }';
      process.kill(scitts.pid, 'SIGKILL');
      await until(() => running.output().includes('[scitts] killed by SIGKILL; restarting in'));
      const during = await query(gatewayPort, scittQuery, readDevTokens().admin);
      expect((during.data as { regions: unknown[] }).regions.length).toBe(9);
      await until(async () => ((await query(gatewayPort, scittQuery, readDevTokens().admin)).data as { scitt?: unknown } | null)?.scitt !== null);
      expect((await query(gatewayPort, scittQuery, readDevTokens().admin)).data).toMatchObject({ scitt: { partnerSchoolCount: 22 } });
      const back = childrenOf(running.child.pid!).find((c) => c.cmdline.includes('subgraphs/scitts/src/main.ts'))!;
      expect(back.pid).not.toBe(scitts.pid);
      expect(back.environ.NODE_OPTIONS).toContain(SUBGRAPH_NODE_OPTIONS);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${running.output().slice(-3000)}`);
    } finally {
      expect(await stop(running)).toBe(INTERRUPTED);
    }
  }, 600_000);

  test('fails fast listing every configuration problem', () => {
    const result = spawnSync(process.execPath, [join(root, 'scripts/src/start.ts')], {
      env: { ...env, GATEWAY_PORT: 'abc', SCITTS_PORT: '70000', DEMO_DATA: 'huge' },
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/DEMO_DATA/);
    expect(result.stderr).toMatch(/GATEWAY_PORT|SCITTS_PORT/);
  });

  test('in production nothing is generated: start-up fails listing the missing key and issuer', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'tdg-start-production-'));
    const result = spawnSync(process.execPath, [join(root, 'scripts/src/start.ts')], { env: { ...env, DATA_DIR: fresh, NODE_ENV: 'production' }, cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/JWT_ISSUER: required in production/);
    expect(result.stderr).toMatch(/JWT_JWKS_URL \| JWT_PUBLIC_KEY \| JWT_SECRET: required/);
    expect(result.stderr).toMatch(/SUBGRAPH_SIGNING_SECRET/);
    expect(existsSync(join(fresh, 'secrets'))).toBe(false);
  });
});
