import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { withDatabase } from '@tdg/kit/database-url';
import { parse, stringify } from 'yaml';
import { composeSupergraph } from '../scripts/src/composition.ts';
import { SUPERGRAPH_CONFIG } from '../scripts/src/subgraph-list.ts';
import { startFederation, type TestFederation } from './support/federation.ts';
import { freePort } from './support/free-port.ts';
import { TEST_SIGNING_SECRET } from './support/subgraph-harness.ts';
import { PERSONAS, tokenFor } from './support/tokens.ts';

/**
 * The kit as a partner gets it: `npm pack` (JavaScript and declarations built by prepack), installed from the tarball
 * into a folder outside this repository's workspaces, the README's complete subgraph written there file by file, its
 * CSV loaded with the kit's load command, run as a process, composed with the four (introspected through its
 * subgraph_url, signed) and served by the real gateway beside them.
 */
const root = join(import.meta.dirname, '..');
const kit = join(root, 'subgraphs/kit');
const npm = (args: string[], cwd: string) => spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` } });

/** The files of the README's example: every fenced block announced by `<!-- file: path -->`. */
function readmeFiles(): Record<string, string> {
  const readme = readFileSync(join(kit, 'README.md'), 'utf8');
  return Object.fromEntries([...readme.matchAll(/<!-- file: (\S+) -->\n```\w*\n([\s\S]*?)\n```/g)].map((m) => [m[1], `${m[2]}\n`]));
}

describe('the packed kit, installed outside the repository', () => {
  const partner = mkdtempSync(join(tmpdir(), 'tdg-partner-'));
  let child: ChildProcess | undefined;
  let output = '';
  let fed: TestFederation | undefined;
  let url: string;
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET, NODE_ENV: 'test' };

  afterAll(async () => {
    await fed?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  test('imports nothing of the four subgraphs', () => {
    const sources = readdirSync(join(kit, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const file of sources) expect({ file, imports: readFileSync(join(kit, 'src', file), 'utf8').match(/from '@tdg\/(?!kit\b)[^']*'/g) }).toEqual({ file, imports: null });
  });

  test('packs JavaScript and declarations for its public entry points only, and leaves the manifest as it was', () => {
    // Packed from a copy: prepack swaps the manifest while it builds, and the other test files running meanwhile
    // (npm start in production, …) resolve @tdg/kit/* through the workspace's own manifest. The copy sits under .data/
    // (ignored), beside a copy of the root tsconfig.json, so that the build finds tsc and the types as in the workspace.
    mkdirSync(join(root, '.data'), { recursive: true });
    const stage = mkdtempSync(join(root, '.data', 'kit-pack-'));
    const staged = join(stage, 'subgraphs/kit');
    cpSync(join(root, 'tsconfig.json'), join(stage, 'tsconfig.json'));
    for (const entry of ['package.json', 'build.ts', 'tsconfig.build.json', 'README.md', 'src', 'sdl', 'reference']) {
      cpSync(join(kit, entry), join(staged, entry), { recursive: true });
    }
    const before = readFileSync(join(staged, 'package.json'), 'utf8');
    const packed = npm(['pack', '--pack-destination', partner], staged);
    expect(packed.status).toBe(0);
    expect(readFileSync(join(staged, 'package.json'), 'utf8')).toBe(before);
    rmSync(stage, { recursive: true, force: true });
    const tarball = readdirSync(partner).find((f) => f.endsWith('.tgz'))!;
    expect(tarball).toBe('tdg-kit-0.1.0.tgz');
    const manifest = JSON.parse(spawnSync('tar', ['-xzOf', join(partner, tarball), 'package/package.json'], { encoding: 'utf8' }).stdout) as { exports: Record<string, unknown> };
    expect(manifest.exports['./server']).toEqual({ types: './dist/server.d.ts', default: './dist/server.js' });
    expect(Object.keys(manifest.exports).some((k) => k.includes('*'))).toBe(false);
    const listed = spawnSync('tar', ['-tzf', join(partner, tarball)], { encoding: 'utf8' }).stdout;
    expect(listed).toContain('package/dist/index.js');
    expect(listed).toContain('package/dist/index.d.ts');
    expect(listed).toContain('package/sdl/shared.graphql');
    expect(listed).not.toMatch(/package\/src\//);
  }, 300_000);

  test('the README subgraph installs from the tarball, loads its CSV, runs as a process and is served through the gateway', async () => {
    for (const [file, content] of Object.entries(readmeFiles())) {
      mkdirSync(dirname(join(partner, file)), { recursive: true });
      writeFileSync(join(partner, file), content);
    }
    expect(Object.keys(readmeFiles()).sort()).toEqual(['index.ts', 'load.ts', 'main.ts', 'migrations/Migration20260101000000.ts', 'package.json', 'schema.graphql']);
    const installed = npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], partner);
    expect(installed.stderr).not.toMatch(/ERR!/);
    expect(installed.status).toBe(0);

    const server = process.env.TEST_DATABASE_SERVER_URL!;
    const port = await freePort();
    Object.assign(env, { SCHOOL_VISITS_PORT: String(port), SCHOOL_VISITS_DATABASE_URL: withDatabase(server, `tdg_test_partner_${process.pid}_${Date.now() % 100000}`) });
    const data = mkdtempSync(join(tmpdir(), 'tdg-partner-data-'));
    writeFileSync(join(data, 'visits.csv'), 'visit_id,urn,organisation,visited_on\nV1,100001,hub:MH01,2024-10-01\nV2,100001,hub:MH01,2025-01-15\nV3,100002,hub:MH02,2025-02-01\n');
    const loaded = spawnSync(process.execPath, ['load.ts', data], { cwd: partner, env, encoding: 'utf8' });
    expect(loaded.stderr).toBe('');
    expect(loaded.stdout).toContain('[school-visits] loaded visits.csv 3');
    // A bad row is refused with its file, line and column, and nothing changes.
    writeFileSync(join(data, 'visits.csv'), 'visit_id,urn,organisation,visited_on\nV4,100001,hub:MH01,not-a-date\n');
    const refused = spawnSync(process.execPath, ['load.ts', data], { cwd: partner, env, encoding: 'utf8' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/visits\.csv:2:visited_on: /);

    child = spawn(process.execPath, ['main.ts'], { cwd: partner, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const deadline = Date.now() + 120_000;
    while (!output.includes('ready at')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the partner's subgraph did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    url = `http://127.0.0.1:${port}/graphql`;
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ visitTotal }"}' })).status).toBe(401);

    // Composed with the four from a copy of the graph's list (its SDL introspected, signed), served by the real gateway.
    const schemaDir = mkdtempSync(join(tmpdir(), 'tdg-partner-schema-'));
    for (const file of readdirSync(join(root, 'schema'))) if (file.endsWith('.graphql')) copyFileSync(join(root, 'schema', file), join(schemaDir, file));
    const config = parse(readFileSync(SUPERGRAPH_CONFIG, 'utf8')) as { subgraphs: Record<string, unknown> };
    config.subgraphs['school-visits'] = { routing_url: url, schema: { subgraph_url: url } };
    writeFileSync(join(schemaDir, 'supergraph.yaml'), stringify(config));
    const composed = await composeSupergraph(join(schemaDir, 'supergraph.yaml'), { signingSecret: TEST_SIGNING_SECRET });
    expect(composed.errors).toEqual([]);
    writeFileSync(join(schemaDir, 'supergraph.graphql'), composed.supergraphSdl!);

    const folder = mkdtempSync(join(tmpdir(), 'tdg-partner-register-'));
    writeFileSync(join(folder, 'local-authorities.csv'), 'la_code,gss_code,name,region_code,region_name\n808,E06000004,Stockton-on-Tees,A,North East\n');
    writeFileSync(join(folder, 'schools.csv'), 'urn,name,la_code,phase,type_group,status\n100001,Visited School,808,PRIMARY,ACADEMY,OPEN\n100002,Other School,808,PRIMARY,ACADEMY,OPEN\n');
    fed = await startFederation(folder, { SUPERGRAPH_PATH: join(schemaDir, 'supergraph.graphql') });
    const query = '{ school(urn: "100001") { name visitCount visits { id visitedOn } } visitTotal(since: "2025-01-01") }';
    const admin = await fed.query(query, {}, undefined, await tokenFor(PERSONAS.admin));
    expect(admin.errors).toBeUndefined();
    expect(admin.data).toEqual({
      school: { name: 'Visited School', visitCount: 2, visits: [{ id: 'V2', visitedOn: '2025-01-15' }, { id: 'V1', visitedOn: '2024-10-01' }] },
      visitTotal: 2,
    });
    // Its @access policy holds through the gateway: another organisation's staff see none of these visits.
    const staff = await fed.query(query, {}, undefined, await tokenFor({ subject: 'mh02', organisation: 'hub:MH02', roles: ['ORG_STAFF'], regionScope: null }));
    expect((staff.data as { school: { visits: unknown[] } }).school.visits).toEqual([]);
    // Its errors carry their code and the subgraph's name.
    const bad = await fed.query('{ visitTotal(since: "yesterday") }');
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', serviceName: 'school-visits' });
  }, 600_000);
});
