import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Identity } from '@tdg/kit/auth/identity';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import type { DemoDataset } from '../scripts/src/demo-data/types.ts';
import { type GatewayAnswer, RESPONSE_CACHE_ENV, startFederation, type TestFederation } from './support/federation.ts';
import { PERSONAS, tokenFor } from './support/tokens.ts';

/**
 * The gateway's response cache (gateway/src/response-cache/) on the real federation: a repeated query is a hit; a
 * write through the gateway is seen at once, an import by the command line within the poll interval (100 ms here);
 * one organisation's answers are never served to another; mutations are never cached; while a subgraph cannot be
 * asked for its data version nothing is served from the cache. (Off by default: gateway.test.ts.)
 */
const root = join(import.meta.dirname, '..');
let data: DemoDataset;
let fed: TestFederation;
let tokens: Record<'admin' | 'analyst' | 'staff' | 'colleague' | 'otherScitt' | 'analystOfA' | 'analystOfB', string>;

const staffOf = (scitt: string, subject: string): Identity => ({ subject, organisation: `scitt:${scitt}`, roles: ['ORG_STAFF'], regionScope: null });
const analystOf = (region: string): Identity => ({ subject: `analyst-${region}`, organisation: null, roles: ['REGIONAL_ANALYST'], regionScope: region });

beforeAll(async () => {
  data = generateDemoData({ size: 'small', seed: 6 });
  const folder = mkdtempSync(join(tmpdir(), 'tdg-response-cache-'));
  writeDemoData(data, folder);
  fed = await startFederation(folder, { ...RESPONSE_CACHE_ENV });
  tokens = {
    admin: await tokenFor(PERSONAS.admin),
    analyst: await tokenFor(PERSONAS['national-analyst']),
    staff: await tokenFor(PERSONAS['scitt-staff']),
    colleague: await tokenFor(staffOf('70245', 'a-colleague@scitt.example')),
    otherScitt: await tokenFor(staffOf('70094', 'staff@wirral.example')),
    analystOfA: await tokenFor(analystOf('A')),
    analystOfB: await tokenFor(analystOf('B')),
  };
});
afterAll(() => fed?.close());

const status = (a: GatewayAnswer<unknown>) => a.headers.get('x-response-cache');
const ask = (query: string, variables: Record<string, unknown>, token?: string, operationName?: string) => fed.send<Record<string, unknown>>(query, variables, operationName, token);

/** Asks until `done` holds for the answer (at most `ms`), and returns that answer. */
async function askUntil(query: string, variables: Record<string, unknown>, token: string | undefined, done: (a: GatewayAnswer<Record<string, unknown>>) => boolean, ms = 5000) {
  for (const end = Date.now() + ms; ; ) {
    const answer = await ask(query, variables, token);
    if (done(answer)) return answer;
    if (Date.now() > end) throw new Error(`not fresh after ${ms} ms: ${JSON.stringify(answer.body)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const TRAINEES = 'query($year: Int) { scitt(id: "70245") { trainees(academicYear: $year) { id status } } }';
const COHORT = 'query($year: Int!) { scitt(id: "70245") { cohort(academicYear: $year) { traineeCount inTrainingCount deferredCount } } }';
const REGISTER = 'mutation($input: RegisterTraineeInput!) { registerTrainee(input: $input) { id status } }';
const traineeIds = (a: GatewayAnswer<Record<string, unknown>>) =>
  ((a.body.data?.scitt as { trainees: { id: string }[] | null } | null)?.trainees ?? []).map((t) => t.id);

test('the same query twice: the second is a hit with the same answer; other variables are not', async () => {
  const overview = readFileSync(join(root, 'schema/operations/regional-overview.graphql'), 'utf8');
  const variables = { regionCode: 'A', academicYear: 2023 };
  const first = await ask(overview, variables, tokens.analyst, 'RegionalOverview');
  expect(first.body.errors).toBeUndefined();
  expect(status(first)).toBe('MISS');
  expect(first.headers.get('age')).toBeNull();
  const second = await ask(overview, variables, tokens.analyst, 'RegionalOverview');
  expect(status(second)).toBe('HIT');
  expect(second.headers.get('age')).toMatch(/^\d+$/);
  expect(second.body).toEqual(first.body);
  // Clients are told not to keep answers: the gateway's cache is the one that knows when data changes.
  expect(second.headers.get('cache-control')).toBe('no-store');
  expect(status(await ask(overview, { ...variables, academicYear: 2022 }, tokens.analyst, 'RegionalOverview'))).toBe('MISS');
});

test('an export (Accept: text/csv) is cached as the JSON answer it is made from: each serves the other', async () => {
  const exportCsv = async (query: string) => {
    const response = await fetch(fed.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/csv', authorization: `Bearer ${tokens.analyst}` },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, cache: response.headers.get('x-response-cache'), lines: (await response.text()).split('\r\n').filter((l) => l !== '') };
  };
  const jsonFirst = '{ localAuthorities(regionCode: "B") { code name openSchoolCount } }';
  const json = await ask(jsonFirst, {}, tokens.analyst);
  expect(status(json)).toBe('MISS');
  const hit = await exportCsv(jsonFirst);
  expect(hit).toEqual({ status: 200, cache: 'HIT', lines: expect.any(Array) });
  expect(hit.lines).toHaveLength((json.body.data!.localAuthorities as unknown[]).length + 1);

  const exportFirst = '{ localAuthorities(regionCode: "D") { code name openSchoolCount } }';
  expect((await exportCsv(exportFirst)).cache).toBe('MISS');
  expect(status(await ask(exportFirst, {}, tokens.analyst))).toBe('HIT');
});

test('the scope is what counts, not the person: a colleague of the same organisation gets the hit', async () => {
  const first = await ask(TRAINEES, { year: 2022 }, tokens.staff);
  expect(traineeIds(first).length).toBeGreaterThan(0);
  const colleague = await ask(TRAINEES, { year: 2022 }, tokens.colleague);
  expect(status(colleague)).toBe('HIT');
  expect(colleague.body).toEqual(first.body);
});

test("two organisations' staff asking the same personal query never get each other's records", async () => {
  const own = await ask(TRAINEES, { year: 2023 }, tokens.staff);
  expect(own.body.errors).toBeUndefined();
  const ids = traineeIds(own);
  expect(ids.length).toBeGreaterThan(0);
  expect(status(await ask(TRAINEES, { year: 2023 }, tokens.staff))).toBe('HIT');

  // Another SCITT's staff: the list filtered to their own records (none of 70245's), as without the cache.
  const other = await ask(TRAINEES, { year: 2023 }, tokens.otherScitt);
  expect(status(other)).toBe('MISS');
  expect(other.body).toEqual({ data: { scitt: { trainees: [] } } });
  const otherAgain = await ask(TRAINEES, { year: 2023 }, tokens.otherScitt);
  expect(status(otherAgain)).toBe('HIT');
  expect(otherAgain.body).toEqual({ data: { scitt: { trainees: [] } } });

  // And the owner's cached answer is still theirs.
  const ownAgain = await ask(TRAINEES, { year: 2023 }, tokens.staff);
  expect(status(ownAgain)).toBe('HIT');
  expect(traineeIds(ownAgain)).toEqual(ids);

  // Anonymous callers have their own scope: refused (an error, so never cached), however often they ask.
  for (let i = 0; i < 2; i += 1) {
    const anonymous = await ask(TRAINEES, { year: 2023 });
    expect(status(anonymous)).toBe('MISS');
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  }
});

test("a regional analyst's aggregate is not served to an analyst of another region, who stays refused", async () => {
  const inRegion = await ask(COHORT, { year: 2023 }, tokens.analystOfA);
  expect(inRegion.body.errors).toBeUndefined();
  expect(status(await ask(COHORT, { year: 2023 }, tokens.analystOfA))).toBe('HIT');
  for (let i = 0; i < 2; i += 1) {
    const outside = await ask(COHORT, { year: 2023 }, tokens.analystOfB);
    expect(status(outside)).toBe('MISS');
    expect(outside.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(outside.body.data).toEqual({ scitt: { cohort: { traineeCount: null, inTrainingCount: null, deferredCount: null } } });
  }
});

test('a mutation through the gateway: the next query, by anyone, is answered afresh at once', async () => {
  const countBefore = await ask(COHORT, { year: 2025 }, tokens.admin);
  expect(status(await ask(COHORT, { year: 2025 }, tokens.admin))).toBe('HIT');
  await ask(TRAINEES, { year: 2025 }, tokens.staff);
  expect(status(await ask(TRAINEES, { year: 2025 }, tokens.staff))).toBe('HIT');
  // An answer from another subgraph's data is keyed by every subgraph's version: it is computed afresh too.
  await ask('{ regions { code name } }', {});
  expect(status(await ask('{ regions { code name } }', {}))).toBe('HIT');

  const input = { traineeId: 'T-CACHE-1', scittId: '70245', route: 'PROVIDER_LED_POSTGRAD', phase: 'PRIMARY', academicYear: 2025 };
  const written = await ask(REGISTER, { input }, tokens.staff);
  expect(written.body).toEqual({ data: { registerTrainee: { id: 'T-CACHE-1', status: 'IN_TRAINING' } } });

  const mine = await ask(TRAINEES, { year: 2025 }, tokens.staff);
  expect(status(mine)).toBe('MISS');
  expect(traineeIds(mine)).toContain('T-CACHE-1');
  const admins = await ask(COHORT, { year: 2025 }, tokens.admin);
  expect(status(admins)).toBe('MISS');
  const count = (a: GatewayAnswer<Record<string, unknown>>) => (a.body.data!.scitt as { cohort: { traineeCount: number } }).cohort.traineeCount;
  expect(count(admins)).toBe(count(countBefore) + 1);
  expect(status(await ask('{ regions { code name } }', {}))).toBe('MISS');
});

test('mutations are never cached: the same mutation twice runs twice', async () => {
  const trainee = data['trainees.csv'].find((t) => t.scitt_id === '70245' && t.status === 'IN_TRAINING')!;
  const defer = 'mutation($id: ID!) { deferTrainee(id: $id) { id status } }';
  const resume = 'mutation($id: ID!) { resumeTrainee(id: $id) { id status } }';
  const entries = async () => {
    const [row] = (await fed.subgraphs.scitts.orm.em
      .fork()
      .getConnection()
      .execute(`select count(*)::int as n from audit_entry where entity_id = '${trainee.trainee_id}'`)) as { n: number }[];
    return row.n;
  };
  const before = await entries();
  for (const mutation of [defer, resume, defer]) {
    const answer = await ask(mutation, { id: trainee.trainee_id }, tokens.staff);
    expect(answer.body.errors).toBeUndefined();
    expect(status(answer)).toBeNull();
    expect(answer.headers.get('age')).toBeNull();
  }
  // Each one reached the subgraph and wrote its audit entry: the second defer was not answered from anywhere else.
  expect(await entries()).toBe(before + 3);
  const now = await ask(TRAINEES, { year: Number(trainee.academic_year) }, tokens.staff);
  expect((now.body.data!.scitt as { trainees: { id: string; status: string }[] }).trainees.find((t) => t.id === trainee.trainee_id)?.status).toBe('DEFERRED');
});

test('an import by the command line: fresh answers within the poll interval', async () => {
  await ask(TRAINEES, { year: 2026 }, tokens.staff);
  const cached = await ask(TRAINEES, { year: 2026 }, tokens.staff);
  expect(status(cached)).toBe('HIT');
  expect(traineeIds(cached)).toEqual([]);

  const folder = mkdtempSync(join(tmpdir(), 'tdg-response-cache-import-'));
  writeFileSync(join(folder, 'trainees.csv'), 'trainee_id,scitt_id,trn,route,phase,subject,academic_year,status,awarded_on\nT-IMPORTED,70245,,PROVIDER_LED_POSTGRAD,PRIMARY,,2026,IN_TRAINING,\n');
  const server = process.env.TEST_DATABASE_SERVER_URL!;
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: server, SCITTS_DATABASE_URL: fed.subgraphs.scitts.orm.config.get('clientUrl')!, IMPORT_OPERATOR: 'cache-test' };
  const run = await promisify(execFile)(process.execPath, [join(root, 'scripts/src/import.ts'), folder, '--only', 'scitts'], { env, cwd: root, encoding: 'utf8' });
  expect(run.stdout).toContain('[scitts] loaded trainees.csv 1');

  const fresh = await askUntil(TRAINEES, { year: 2026 }, tokens.staff, (a) => traineeIds(a).includes('T-IMPORTED'));
  expect(status(fresh)).toBe('MISS');
  expect(status(await ask(TRAINEES, { year: 2026 }, tokens.staff))).toBe('HIT');
});

// Last: it stops a subgraph.
test('while a subgraph cannot be asked for its data version, nothing is served from or written to the cache', async () => {
  const query = '{ regions { code } }';
  await ask(query, {});
  expect(status(await ask(query, {}))).toBe('HIT');
  // The query needs only local-authorities; curriculum-hubs going away still makes the cache unsafe to use.
  await fed.subgraphs['curriculum-hubs'].server.close();
  const bypassed = await askUntil(query, {}, undefined, (a) => status(a) === 'MISS');
  expect(bypassed.body.errors).toBeUndefined();
  for (const token of [undefined, undefined, tokens.admin]) {
    const answer = await ask(query, {}, token);
    expect(answer.body.errors).toBeUndefined();
    expect(status(answer)).toBe('MISS');
  }
});
