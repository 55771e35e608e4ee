import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * `npm run schema:check` as a process, on candidate SDL files made from the committed local-authorities SDL: exit
 * codes, the human report and `--json`.
 */
const root = resolve(import.meta.dirname, '..');
const folder = mkdtempSync(join(tmpdir(), 'tdg-schema-check-'));
const original = readFileSync(join(root, 'schema/local-authorities.graphql'), 'utf8');

function candidate(file: string, edit: (sdl: string) => string): string {
  const path = join(folder, file);
  const edited = edit(original);
  if (file !== 'unchanged.graphql') expect(edited).not.toBe(original);
  writeFileSync(path, edited);
  return path;
}

function check(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'scripts/src/schema-check.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

interface Json {
  composed: boolean;
  ok: boolean;
  compositionErrors: { code: string; message: string; locations: { line: number; column: number }[] }[];
  brokenOperations: { name: string; reasons: string[] }[];
  changes: { criticality: string; type: string; path?: string; usedBy: string[] }[];
}
const json = (...args: string[]) => {
  const run = check(...args, '--json');
  return { status: run.status, report: JSON.parse(run.output) as Json };
};

test('the SDL as committed: composes, no change, exit 0', () => {
  const { status, output } = check('local-authorities', candidate('unchanged.graphql', (s) => s));
  expect(output).toContain('✓ composes with the rest of the graph');
  expect(output).toContain('No change to the API schema.');
  expect(status).toBe(0);
});

test('a new field: listed safe, exit 0', () => {
  const path = candidate('safe.graphql', (s) => s.replace('  "Local authority name."\n  name: String!', '  "Local authority name."\n  name: String!\n  "Its website."\n  website: String'));
  const { status, report } = json('local-authorities', path);
  expect(status).toBe(0);
  expect(report.ok).toBe(true);
  expect(report.changes).toContainEqual(expect.objectContaining({ criticality: 'SAFE', type: 'FIELD_ADDED', path: 'LocalAuthority.website', usedBy: [] }));
  expect(check('local-authorities', path).output).toMatch(/Safe changes[\s\S]*Field 'website' was added to object type 'LocalAuthority'/);
});

test('a removed field an operation uses: exit 1, naming the operation and the field', () => {
  const path = candidate('removed.graphql', (s) => s.replace('  "Number of schools of this LA with status OPEN or OPEN_PROPOSED_TO_CLOSE."\n  openSchoolCount: Int!\n', ''));
  const { status, output } = check('local-authorities', path);
  expect(status).toBe(1);
  expect(output).toMatch(/✗ 1 operation broken:\n {2}RegionalOverview \(schema\/operations\/regional-overview.graphql\)\n {4}- Field 'openSchoolCount' was removed from object type 'LocalAuthority'/);
  expect(output).toContain('FAILED');
});

test('a field made nullable: breaking for every operation that reads it', () => {
  const { status, report } = json('local-authorities', candidate('nullable.graphql', (s) => s.replace('  "Local authority name."\n  name: String!', '  "Local authority name."\n  name: String')));
  expect(status).toBe(1);
  const change = report.changes.find((c) => c.path === 'LocalAuthority.name');
  expect(change).toMatchObject({ criticality: 'BREAKING', type: 'FIELD_TYPE_CHANGED' });
  expect(change!.usedBy).toEqual(expect.arrayContaining(['RegionalOverview', 'ColdSpots']));
  expect(report.brokenOperations.map((o) => o.name)).toEqual(expect.arrayContaining(['RegionalOverview', 'ColdSpots']));
});

test('a new required argument on a field in use: exit 1; on a field no operation uses: listed, exit 0', () => {
  const used = json('local-authorities', candidate('arg.graphql', (s) => s.replace('  region(code: ID!): Region @access(rule: PUBLIC)', '  region(code: ID!, asOf: Int!): Region @access(rule: PUBLIC)')));
  expect(used.status).toBe(1);
  const regional = used.report.brokenOperations.find((o) => o.name === 'RegionalOverview');
  expect(regional?.reasons).toEqual(expect.arrayContaining(["Argument 'asOf: Int!' added to field 'Query.region'"]));

  // An operation of the partner's own (--operations) that uses `regions`, which gains a required argument.
  const operations = join(folder, 'partner-operations');
  mkdirSync(operations, { recursive: true });
  writeFileSync(join(operations, 'regions.graphql'), 'query PartnerRegions { regions { code name } }\n');
  const regions = candidate('regions-arg.graphql', (s) => s.replace('  regions: [Region!]!', '  regions(asOf: Int!): [Region!]!'));
  const withoutTheirs = json('local-authorities', regions);
  expect(withoutTheirs.status).toBe(0);
  expect(withoutTheirs.report.changes).toContainEqual(expect.objectContaining({ criticality: 'BREAKING', path: 'Query.regions.asOf', usedBy: [] }));
  const withTheirs = json('local-authorities', regions, '--operations', operations);
  expect(withTheirs.status).toBe(1);
  expect(withTheirs.report.brokenOperations.map((o) => o.name)).toEqual(['PartnerRegions']);
});

test('an SDL that does not compose: exit 1 with the composition error code and where', () => {
  const path = candidate('broken.graphql', (s) => s.replace('  "Local authority name."\n  name: String!', '  "Local authority name."\n  name: NoSuchType!'));
  const { status, output } = check('local-authorities', path);
  expect(status).toBe(1);
  expect(output).toMatch(/INVALID_GRAPHQL: \[local-authorities\] Unknown type NoSuchType {2}\(.*broken\.graphql:\d+:\d+\)/);
  const { report } = json('local-authorities', path);
  expect(report.composed).toBe(false);
  expect(report.compositionErrors[0]).toMatchObject({ code: 'INVALID_GRAPHQL' });
  expect(report.compositionErrors[0].locations.length).toBeGreaterThan(0);
});

test('a new subgraph beside the others: composes, its additions safe; misuse exits 2', () => {
  const path = join(folder, 'partner.graphql');
  writeFileSync(
    path,
    `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
"""A school, as the partner knows it."""
type School @key(fields: "urn") {
  """Unique Reference Number."""
  urn: ID!
  """Research projects the school took part in."""
  researchProjectCount: Int
}
`,
  );
  const { status, report } = json('research-partner', path);
  expect(status).toBe(0);
  expect(report.changes).toContainEqual(expect.objectContaining({ criticality: 'SAFE', path: 'School.researchProjectCount' }));
  expect(check('local-authorities').status).toBe(2);
  expect(check('local-authorities', join(folder, 'missing.graphql')).output).toContain('no such file');
});
