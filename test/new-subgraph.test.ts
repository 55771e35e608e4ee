import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * `npm run new-subgraph` as a partner runs it: refusals change nothing; in a copy of the project, a new subgraph is
 * written, listed, composed into the supergraph, given resolver types and docker-compose/Kubernetes entries, and its
 * own generated tests (`_entities`, import) pass there.
 */
const root = join(import.meta.dirname, '..');
const node = process.execPath;
const env = { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` };

const run = (cwd: string, ...args: string[]) => {
  const r = spawnSync(node, [join(cwd, 'scripts/src/new-subgraph.ts'), ...args], { cwd, env, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};

const REFUSALS: { name: string; message: RegExp; options?: string[] }[] = [
  { name: 'Bad_Name', message: /not a kebab-case name/ },
  { name: 'scitts', message: /already lists a subgraph named "scitts"/ },
  { name: 'kit', message: /shared kit/ },
  { name: 'research', message: /--type "lower" must be a PascalCase/, options: ['--type', 'lower'] },
];

test.each(REFUSALS)('$name is refused with a clear message and nothing is written', ({ name, message, options = [] }) => {
  const before = readFileSync(join(root, 'schema/supergraph.yaml'), 'utf8');
  const result = run(root, name, ...options);
  expect(result.status).toBe(1);
  expect(result.out).toMatch(message);
  expect(readFileSync(join(root, 'schema/supergraph.yaml'), 'utf8')).toBe(before);
  if (name !== 'scitts' && name !== 'kit') expect(existsSync(join(root, 'subgraphs', name))).toBe(false);
});

describe('a new subgraph in a copy of the project', () => {
  const copy = mkdtempSync(join(tmpdir(), 'tdg-scaffold-'));
  let result: { status: number | null; out: string };
  beforeAll(() => {
    for (const part of ['package.json', 'tsconfig.json', 'jest.config.ts', 'schema', 'subgraphs', 'scripts', 'codegen', 'deploy', 'docker', 'test/support']) {
      cpSync(join(root, part), join(copy, part), { recursive: true, filter: (src) => !src.includes('node_modules') });
    }
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    result = run(copy, 'partner-trusts', '--type', 'PartnerTrust');
  }, 300_000);

  test('writes its package, lists it with a free port and its own database, composes and generates', () => {
    expect(result.out).toContain('wrote');
    expect(result.status).toBe(0);
    const pkg = JSON.parse(readFileSync(join(copy, 'subgraphs/partner-trusts/package.json'), 'utf8'));
    const ports = ['local-authorities', 'teaching-school-hubs', 'scitts', 'curriculum-hubs'].map((n) => JSON.parse(readFileSync(join(copy, `subgraphs/${n}/package.json`), 'utf8')).tdg.port);
    expect(ports).not.toContain(pkg.tdg.port);
    expect(pkg.tdg).toMatchObject({ name: 'partner-trusts', database: 'tdg_partner_trusts' });
    const list = parse(readFileSync(join(copy, 'schema/supergraph.yaml'), 'utf8'));
    expect(list.subgraphs['partner-trusts']).toEqual({ routing_url: `http://localhost:${pkg.tdg.port}/graphql`, schema: { file: './partner-trusts.graphql' } });
    const supergraph = readFileSync(join(copy, 'schema/supergraph.graphql'), 'utf8');
    expect(supergraph).toContain('PARTNER_TRUSTS');
    expect(supergraph).toMatch(/partnerTrusts\(/);
    for (const file of ['README.md', 'codegen.json', 'sample-data/partner-trusts.csv', 'src/index.ts', 'src/generated/resolvers-types.ts', 'src/load/import-spec.ts', 'src/entities.test.ts', 'src/load/import-spec.test.ts', 'src/modules/partner-trust/partner-trust.entity.ts']) {
      expect(existsSync(join(copy, 'subgraphs/partner-trusts', file))).toBe(true);
    }
    expect(readFileSync(join(copy, 'docker-compose.yml'), 'utf8')).toContain('subgraphs/partner-trusts/src/main.ts');
    expect(existsSync(join(copy, 'deploy/kubernetes/partner-trusts.yaml'))).toBe(true);
  });

  test('its own tests pass right away', () => {
    const jest = spawnSync(node, [join(root, 'node_modules/jest/bin/jest.js'), '--config', join(copy, 'jest.config.ts'), 'subgraphs/partner-trusts'], {
      cwd: copy,
      env: { ...env, NODE_OPTIONS: '--experimental-vm-modules', DATABASE_URL: process.env.TEST_DATABASE_SERVER_URL },
      encoding: 'utf8',
    });
    expect(jest.stderr).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(jest.status).toBe(0);
  }, 300_000);
});
