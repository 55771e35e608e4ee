import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Identity } from '@tdg/kit/auth/identity';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import { startFederation, type TestFederation } from './support/federation.ts';
import { PERSONAS, tokenFor } from './support/tokens.ts';

/**
 * The entity cache (gateway/src/subgraph-calls/fetch-cache.ts; ENTITY_CACHE_TTL_SECONDS) on the real federation, with
 * the SQL statements each subgraph runs counted: a fetch asked again is not sent to its subgraph; another question
 * reuses the fetches it shares with an earlier one; a write through the gateway is seen at once, an import by the
 * command line within the poll interval (100 ms here), and only the subgraph that changed is asked again; one
 * organisation's answers are never served to another.
 */
const root = join(import.meta.dirname, '..');
const overview = readFileSync(join(root, 'schema/operations/regional-overview.graphql'), 'utf8');
let fed: TestFederation;
let tokens: Record<'analyst' | 'staff' | 'otherScitt', string>;

const staffOf = (scitt: string, subject: string): Identity => ({ subject, organisation: `scitt:${scitt}`, roles: ['ORG_STAFF'], regionScope: null });

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'tdg-entity-cache-'));
  writeDemoData(generateDemoData({ size: 'small', seed: 6 }), folder);
  fed = await startFederation(folder, { ENTITY_CACHE_TTL_SECONDS: '300', RESPONSE_CACHE_POLL_MS: '100' });
  tokens = {
    analyst: await tokenFor(PERSONAS['national-analyst']),
    staff: await tokenFor(PERSONAS['scitt-staff']),
    otherScitt: await tokenFor(staffOf('70094', 'staff@wirral.example')),
  };
});
afterAll(() => fed?.close());

/** Asks through the gateway; the SQL statements each subgraph ran for it. */
async function ask(query: string, variables: Record<string, unknown>, token?: string, operationName?: string) {
  fed.resetSqlCount();
  const body = await fed.query<Record<string, unknown>>(query, variables, operationName, token);
  const statements = Object.fromEntries(Object.entries(fed.subgraphs).map(([name, sg]) => [name, sg.sqlCount()]));
  return { body, statements, total: Object.values(statements).reduce((a, b) => a + b, 0) };
}

test('the same question again: the same answer, and no subgraph asked', async () => {
  const first = await ask(overview, { regionCode: 'A', academicYear: 2023 }, tokens.analyst, 'RegionalOverview');
  expect(first.body.errors).toBeUndefined();
  expect(first.total).toBeGreaterThan(0);
  const again = await ask(overview, { regionCode: 'A', academicYear: 2023 }, tokens.analyst, 'RegionalOverview');
  expect(again.body).toEqual(first.body);
  expect(again.total).toBe(0);
  const metrics = await (await fetch(fed.gatewayUrl.replace(/graphql$/, 'metrics'))).text();
  expect(metrics).toMatch(/tdg_entity_cache_lookups_total\{subgraph="scitts",result="hit",service="gateway"\} [1-9]/);
});

test('another year: the region and its LAs come from the cache, only the figures are asked', async () => {
  const other = await ask(overview, { regionCode: 'A', academicYear: 2022 }, tokens.analyst, 'RegionalOverview');
  expect(other.body.errors).toBeUndefined();
  expect(other.statements['local-authorities']).toBe(0);
  expect(other.statements.scitts).toBeGreaterThan(0);
});

const TRAINEES = 'query($year: Int) { scitt(id: "70245") { trainees(academicYear: $year) { id } } }';
const REGISTER = 'mutation($input: RegisterTraineeInput!) { registerTrainee(input: $input) { id } }';
const ids = (a: Awaited<ReturnType<typeof ask>>) => ((a.body.data?.scitt as { trainees: { id: string }[] | null } | null)?.trainees ?? []).map((t) => t.id);

test("another organisation's staff asking the same personal query are never served these records", async () => {
  const mine = await ask(TRAINEES, { year: 2024 }, tokens.staff);
  expect(ids(mine).length).toBeGreaterThan(0);
  expect((await ask(TRAINEES, { year: 2024 }, tokens.staff)).total).toBe(0);
  const theirs = await ask(TRAINEES, { year: 2024 }, tokens.otherScitt);
  expect(theirs.total).toBeGreaterThan(0);
  expect(ids(theirs)).toEqual([]);
});

test('a write through the gateway is read at once; the other subgraphs stay cached', async () => {
  await ask(TRAINEES, { year: 2025 }, tokens.staff);
  await ask(overview, { regionCode: 'A', academicYear: 2025 }, tokens.analyst, 'RegionalOverview');
  const input = { traineeId: 'T-ENTITY-1', scittId: '70245', route: 'PROVIDER_LED_POSTGRAD', phase: 'PRIMARY', academicYear: 2025 };
  expect((await ask(REGISTER, { input }, tokens.staff)).body.errors).toBeUndefined();
  const after = await ask(TRAINEES, { year: 2025 }, tokens.staff);
  expect(ids(after)).toContain('T-ENTITY-1');
  expect(after.statements.scitts).toBeGreaterThan(0);
  // Once the new scitts version is polled, the overview asks scitts again, and only scitts.
  await new Promise((r) => setTimeout(r, 300));
  const overviewAfter = await ask(overview, { regionCode: 'A', academicYear: 2025 }, tokens.analyst, 'RegionalOverview');
  expect(overviewAfter.statements.scitts).toBeGreaterThan(0);
  expect(overviewAfter.statements['local-authorities']).toBe(0);
  expect(overviewAfter.statements['teaching-school-hubs']).toBe(0);
});

test('an import by the command line: fresh answers within the poll interval', async () => {
  expect(ids(await ask(TRAINEES, { year: 2026 }, tokens.staff))).toEqual([]);
  expect((await ask(TRAINEES, { year: 2026 }, tokens.staff)).total).toBe(0);
  const folder = mkdtempSync(join(tmpdir(), 'tdg-entity-cache-import-'));
  writeFileSync(join(folder, 'trainees.csv'), 'trainee_id,scitt_id,trn,route,phase,subject,academic_year,status,awarded_on\nT-IMPORTED,70245,,PROVIDER_LED_POSTGRAD,PRIMARY,,2026,IN_TRAINING,\n');
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: process.env.TEST_DATABASE_SERVER_URL!, SCITTS_DATABASE_URL: fed.subgraphs.scitts.orm.config.get('clientUrl')!, IMPORT_OPERATOR: 'cache-test' };
  await promisify(execFile)(process.execPath, [join(root, 'scripts/src/import.ts'), folder, '--only', 'scitts'], { env, cwd: root, encoding: 'utf8' });
  for (const end = Date.now() + 5000; ; ) {
    if (ids(await ask(TRAINEES, { year: 2026 }, tokens.staff)).includes('T-IMPORTED')) break;
    if (Date.now() > end) throw new Error('the import was not seen within 5 s');
    await new Promise((r) => setTimeout(r, 50));
  }
});
