import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import type { DemoDataset } from '../scripts/src/demo-data/types.ts';
import { SUBGRAPH_INFOS } from '../scripts/src/subgraph-packages.ts';
import { startFederation, type TestFederation } from './support/federation.ts';
import { PERSONAS, tokenFor } from './support/tokens.ts';

/** The gateway in front of the four real subgraphs: health, readiness, errors, nulls and pagination. */
let data: DemoDataset;
let fed: TestFederation;

beforeAll(async () => {
  data = generateDemoData({ size: 'small', seed: 2 });
  const folder = mkdtempSync(join(tmpdir(), 'tdg-gateway-'));
  await writeDemoData(data, folder);
  fed = await startFederation(folder);
});
afterAll(() => fed?.close());

const base = () => fed.gatewayUrl.replace(/\/graphql$/, '');

test('GET /health answers while the gateway is up, GET /ready when every subgraph answers', async () => {
  expect((await fetch(`${base()}/health`)).status).toBe(200);
  const ready = await fetch(`${base()}/ready`);
  expect(ready.status).toBe(200);
  const body = (await ready.json()) as { subgraphs: { name: string; ready: boolean }[] };
  expect(body.subgraphs.map((s) => s.name).sort()).toEqual(SUBGRAPH_INFOS.map((s) => s.name).sort());
});

test('unknown ids resolve to null, not to errors', async () => {
  const admin = await tokenFor(PERSONAS.admin);
  const res = await fed.query(`{
    school(urn: "999999999") { urn } localAuthority(code: "000") { code } region(code: "Z") { code }
    scitt(id: "1") { id } teachingSchoolHub(id: "XX9") { id } curriculumHub(id: "nope") { id } teacher(trn: "0000001") { trn }
  }`, {}, undefined, admin);
  expect(res.errors).toBeUndefined();
  expect(res.data).toEqual({ school: null, localAuthority: null, region: null, scitt: null, teachingSchoolHub: null, curriculumHub: null, teacher: null });
});

test('bad arguments are BAD_USER_INPUT errors naming the subgraph', async () => {
  const res = await fed.query('{ region(code: "A") { inductionEngagement(academicYear: 12) { ects } } }', {}, undefined, await tokenFor(PERSONAS['national-analyst']));
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', serviceName: 'teaching-school-hubs' });
});

test('schools page with cursors through a filter, in FSM order, every school once', async () => {
  const expected = data['schools.csv']
    .filter((s) => s.la_code === '808' && s.status === 'OPEN')
    .sort((a, b) => (b.percentage_fsm ?? -1) - (a.percentage_fsm ?? -1) || a.urn.localeCompare(b.urn))
    .map((s) => s.urn);
  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const res: { data?: { schools: { totalCount: number; nodes: { urn: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } = await fed.query(
      `query($after: String) { schools(filter: { laCode: "808", status: [OPEN] }, orderBy: FSM_DESC, first: 3, after: $after) {
        totalCount nodes { urn } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    expect(res.data!.schools.totalCount).toBe(expected.length);
    seen.push(...res.data!.schools.nodes.map((n) => n.urn));
    if (!res.data!.schools.pageInfo.hasNextPage) break;
    after = res.data!.schools.pageInfo.endCursor;
  }
  expect(seen).toEqual(expected);
});

test('a malformed cursor is BAD_USER_INPUT', async () => {
  const res = await fed.query('{ schools(after: "not-a-cursor") { totalCount } }');
  expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

test('the response cache is off unless RESPONSE_CACHE_TTL_SECONDS is set: nothing polls, a repeated query runs again', async () => {
  fed.resetSqlCount();
  // No data-version polling (it would run SQL every RESPONSE_CACHE_POLL_MS, 1 s by default).
  await new Promise((r) => setTimeout(r, 1200));
  expect(fed.sqlCount()).toBe(0);
  const query = '{ regions { code name } }';
  const first = await fed.send(query);
  const afterFirst = fed.sqlCount();
  expect(afterFirst).toBeGreaterThan(0);
  const second = await fed.send(query);
  expect(second.body).toEqual(first.body);
  expect(fed.sqlCount()).toBe(2 * afterFirst);
  for (const answer of [first, second]) {
    expect(answer.headers.get('x-response-cache')).toBeNull();
    expect(answer.headers.get('age')).toBeNull();
    expect(answer.headers.get('cache-control')).toBe('no-store');
  }
});

test('a subgraph that is down: its fields fail with SUBGRAPH_UNAVAILABLE and its name, the rest still answers, /ready says 503', async () => {
  await fed.subgraphs.scitts.server.close();
  try {
    const res = await fed.query<{ school: { name: string } | null; scitt: { name: string } | null }>(
      `{ school(urn: "${data['schools.csv'][0].urn}") { name } scitt(id: "70245") { name } }`,
    );
    expect(res.data).toEqual({ school: { name: data['schools.csv'][0].name }, scitt: null });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'scitts' });
    expect((await fetch(`${base()}/ready`)).status).toBe(503);
  } finally {
    // Closed for good: this test runs last in the file.
  }
});
