import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signRequest } from '@tdg/kit/auth/signing';
import { SUBGRAPH_PACKAGES } from '../scripts/src/subgraph-packages.ts';
import { freePort } from './support/free-port.ts';
import { TEST_ADMIN } from './support/subgraph-harness.ts';

/**
 * `npm run subgraph -- <name>` as a partner runs it beside a running graph: a real process that migrates its subgraph's
 * database on the shared embedded PostgreSQL under DATA_DIR (started by the first command, reused by the next), with
 * the development signing secret kept there, serving signed requests only; Ctrl-C stops it.
 */
const root = join(import.meta.dirname, '..');

interface Running {
  readonly child: ChildProcess;
  output(): string;
}

async function run(name: string, env: NodeJS.ProcessEnv): Promise<Running> {
  let output = '';
  const child = spawn(process.execPath, [join(root, 'scripts/src/subgraph.ts'), name], { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  // Generous: a shared 2-core machine under load takes a minute to start a Node process with the whole subgraph.
  const deadline = Date.now() + 240_000;
  while (!output.includes(`${name} is up`)) {
    if (child.exitCode !== null) throw new Error(`npm run subgraph -- ${name} exited ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await interrupt({ child, output: () => output });
      throw new Error(`npm run subgraph -- ${name} did not come up:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => output };
}

const interrupt = ({ child }: Running) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });

const portAnswers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

async function ask(port: number, query: string, secret: string | null) {
  const body = JSON.stringify({ query });
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? signRequest(secret, TEST_ADMIN, body) : {}) },
    body,
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

describe('npm run subgraph -- <name>', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tdg-subgraph-'));
  let env: NodeJS.ProcessEnv;
  let pgPort: number;
  const running: Running[] = [];
  afterAll(async () => {
    for (const r of running.reverse()) await interrupt(r);
  });

  beforeAll(async () => {
    pgPort = await freePort();
    env = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), SCITTS_PORT: String(await freePort()), CURRICULUM_HUBS_PORT: String(await freePort()) };
  });

  test('brings one subgraph up, migrated, on the shared database server and secret; a second beside it; Ctrl-C stops each', async () => {
    const scitts = await run('scitts', env);
    running.push(scitts);
    expect(scitts.output()).toContain('starting embedded PostgreSQL');
    expect(scitts.output()).toMatch(/\[scitts\] applied \d+ migration/);
    const secret = readFileSync(join(dataDir, 'secrets', 'subgraph_signing_secret'), 'utf8').trim();
    // Migrated: its tables answer (empty), to the gateway's signature only.
    expect(await ask(Number(env.SCITTS_PORT), '{ scitts { id } }', secret)).toEqual({ status: 200, body: { data: { scitts: [] } } });
    const unsigned = await ask(Number(env.SCITTS_PORT), '{ scitts { id } }', null);
    expect(unsigned.status).toBe(401);

    // A second one beside it reuses the embedded server this first command runs.
    const hubs = await run('curriculum-hubs', env);
    running.push(hubs);
    expect(hubs.output()).not.toContain('starting embedded PostgreSQL');
    expect(await ask(Number(env.CURRICULUM_HUBS_PORT), '{ curriculumHubs { id } }', secret)).toEqual({ status: 200, body: { data: { curriculumHubs: [] } } });

    expect(await interrupt(hubs)).toBe(130);
    expect(await portAnswers(Number(env.CURRICULUM_HUBS_PORT))).toBe(false);
    // The first still serves; stopping it stops the embedded server it started.
    expect((await ask(Number(env.SCITTS_PORT), '{ scitts { id } }', secret)).status).toBe(200);
    expect(await interrupt(scitts)).toBe(130);
    expect(await portAnswers(Number(env.SCITTS_PORT))).toBe(false);
    expect(await portAnswers(pgPort)).toBe(false);
  }, 600_000);

  test('an unknown subgraph is refused naming those it knows', () => {
    const result = spawnSync(process.execPath, [join(root, 'scripts/src/subgraph.ts'), 'no-such-thing'], { env, cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(64);
    expect(result.stderr).toContain(`unknown subgraph "no-such-thing" (known: ${SUBGRAPH_PACKAGES.map((p) => p.info.name).join(', ')})`);
  });
});
