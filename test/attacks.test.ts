import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { signRequest } from '@tdg/kit/auth/signing';
import { generateKeyPair, SignJWT } from 'jose';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import type { DemoDataset } from '../scripts/src/demo-data/types.ts';
import { startFederation, type TestFederation } from './support/federation.ts';
import { TEST_ADMIN, TEST_SIGNING_SECRET } from './support/subgraph-harness.ts';
import { PERSONAS, TEST_AUDIENCE, TEST_ISSUER, tokenFor } from './support/tokens.ts';

/**
 * Attacks on the graph, through the real gateway and straight at the subgraphs: unsigned, forged and replayed
 * subgraph calls; forged, expired and `alg: none` tokens; another organisation's records; over-deep, over-wide and
 * aliased queries; malformed input for every mutation. Every rejected write leaves the database as it was.
 */
let data: DemoDataset;
let fed: TestFederation;
let admin: string;

beforeAll(async () => {
  data = generateDemoData({ size: 'small', seed: 4 });
  const folder = mkdtempSync(join(tmpdir(), 'tdg-attacks-'));
  writeDemoData(data, folder);
  fed = await startFederation(folder);
  admin = await tokenFor(PERSONAS.admin);
});
afterAll(() => fed?.close());

/** Row counts and content digests of every table of a subgraph's database. */
async function snapshot(orm: MikroORM): Promise<Record<string, string>> {
  const conn = orm.em.fork().getConnection();
  const tables = (await conn.execute("select tablename from pg_tables where schemaname = 'public' order by 1")) as { tablename: string }[];
  const out: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [row] = (await conn.execute(`select count(*) || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as s from "${tablename}" t`)) as { s: string }[];
    out[tablename] = row.s;
  }
  return out;
}

const REGISTER = 'mutation($input: RegisterTraineeInput!) { registerTrainee(input: $input) { id } }';
const traineeInput = (id: string) => ({ input: { traineeId: id, scittId: '70245', route: 'PROVIDER_LED_POSTGRAD', phase: 'PRIMARY', academicYear: 2024 } });

describe('calls straight to a subgraph', () => {
  const post = (url: string, body: string, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  test.each([
    ['unsigned', () => ({})],
    ['signed with another secret', (body: string) => signRequest('not-the-secret-0123456789abcdef0123456789', TEST_ADMIN, body)],
    ['signed too long ago', (body: string) => signRequest(TEST_SIGNING_SECRET, TEST_ADMIN, body, Date.now() - 120_000)],
    ['signed for another body', () => signRequest(TEST_SIGNING_SECRET, TEST_ADMIN, JSON.stringify({ query: '{ __typename }' }))],
  ])('%s: refused with 401, nothing written', async (_label, sign) => {
    const sg = fed.subgraphs.scitts;
    const before = await snapshot(sg.orm);
    const body = JSON.stringify({ query: REGISTER, variables: traineeInput('T-DIRECT') });
    const response = await post(sg.url, body, sign(body));
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await snapshot(sg.orm)).toEqual(before);
  });

  test('a replayed request is refused the second time', async () => {
    const sg = fed.subgraphs['local-authorities'];
    const body = JSON.stringify({ query: '{ regions { code } }' });
    const headers = signRequest(TEST_SIGNING_SECRET, null, body);
    expect((await post(sg.url, body, headers)).status).toBe(200);
    const replay = await post(sg.url, body, headers);
    expect(replay.status).toBe(401);
    expect(await replay.text()).toMatch(/replayed/);
  });

  test('another spelling of the same route (/%67raphql) is refused unsigned too, and so is /data-version', async () => {
    const sg = fed.subgraphs.scitts;
    const body = JSON.stringify({ query: '{ _service { sdl } }' });
    expect((await post(sg.url.replace(/graphql$/, '%67raphql'), body, {})).status).toBe(401);
    expect((await fetch(sg.url.replace(/graphql$/, 'data-version'))).status).toBe(401);
    expect((await fetch(sg.url.replace(/graphql$/, 'data-%76ersion'))).status).toBe(401);
  });

  test('the subgraph SDL (_service) is not served to unsigned callers; the health endpoint is', async () => {
    const sg = fed.subgraphs.scitts;
    expect((await post(sg.url, JSON.stringify({ query: '{ _service { sdl } }' }), {})).status).toBe(401);
    expect((await fetch(sg.url.replace(/graphql$/, 'health'))).status).toBe(200);
  });
});

describe('tokens at the gateway', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const claims = { org: null, roles: ['ADMIN'] };
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

  test.each([
    ['signed by another key', async () => new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).setSubject('mallory').setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setExpirationTime('1h').sign((await generateKeyPair('ES256')).privateKey)],
    ['expired', () => tokenFor(PERSONAS.admin, { expiresIn: -120 })],
    ['not yet valid', () => tokenFor(PERSONAS.admin, { notBefore: 3600 })],
    ['for another audience', () => tokenFor(PERSONAS.admin, { audience: 'another-service' })],
    ['from another issuer', () => tokenFor(PERSONAS.admin, { issuer: 'someone-else' })],
    ['alg: none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, sub: 'mallory', iss: TEST_ISSUER, aud: TEST_AUDIENCE, exp: now() + 3600 })}.`],
    ['garbage', async () => 'not.a.token'],
  ])('a token %s is UNAUTHENTICATED and writes nothing', async (_label, make) => {
    const before = await snapshot(fed.subgraphs.scitts.orm);
    const res = await fed.query(REGISTER, traineeInput('T-TOKEN'), undefined, await make());
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data ?? null).toBeNull();
    expect(await snapshot(fed.subgraphs.scitts.orm)).toEqual(before);
  });
});

describe('ad-hoc query limits', () => {
  // Deep but cheap: a chain of single objects (depth 8), so the administrator's run answers at once.
  const deep = `{ scitt(id: "70245") { cohort(academicYear: 2022) { scitt { leadSchool { localAuthority { region { localAuthorities { code } } } } } } } }`;
  const aliased = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: regions { code }`).join(' ')} }`;
  // Lists multiplied: 5,000 schools × their networks × members × …, estimated from the @listSize of each list.
  const wide = `{ schools(first: 5000) { nodes { urn name networks { members { networks { members { urn } } } } } } }`;

  test.each([
    ['anonymous, too deep', deep, undefined, 'DEPTH_LIMIT_EXCEEDED'],
    ['anonymous, too many aliases', aliased, undefined, 'ALIAS_LIMIT_EXCEEDED'],
    ['an analyst, too costly', wide, 'national-analyst', 'COST_LIMIT_EXCEEDED'],
  ] as const)('%s', async (_label, query, role, code) => {
    const res = await fed.query(query, {}, undefined, role ? await tokenFor(PERSONAS[role]) : undefined);
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(res.data ?? null).toBeNull();
  });

  test('the same deep query is allowed for an administrator, whose limits are wider', async () => {
    const res = await fed.query(deep, {}, undefined, admin);
    expect(res.errors).toBeUndefined();
  });
});

describe('malformed input for every mutation: BAD_USER_INPUT with the field, nothing written', () => {
  const trainee = () => data['trainees.csv'].find((t) => t.scitt_id === '70245' && t.status === 'IN_TRAINING')!;
  const placement = () => data['placements.csv'].find((p) => p.trainee_id === trainee().trainee_id)!;
  const induction = () => data['ect-inductions.csv'][0];
  const programme = () => data['programmes.csv'][0];
  const school = () => data['schools.csv'][0];
  const episode = () => data['support-episodes.csv'][0];
  const network = () => data['network-members.csv'][0];
  const CASES: [string, 'scitts' | 'teaching-school-hubs' | 'curriculum-hubs' | 'local-authorities', string, () => Record<string, unknown>, string][] = [
    ['registerTrainee: malformed TRN', 'scitts', REGISTER, () => ({ input: { ...traineeInput('T-BAD').input, trn: '12AB' } }), 'input.trn'],
    ['updateTrainee: secondary without a subject', 'scitts', 'mutation($id: ID!) { updateTrainee(id: $id, input: { phase: SECONDARY, subject: null }) { id } }', () => ({ id: trainee().trainee_id }), 'input.subject'],
    ['recordTraineeAward: impossible date', 'scitts', 'mutation($id: ID!) { recordTraineeAward(id: $id, awardedOn: "2025-02-30", trn: "1234567") { id } }', () => ({ id: trainee().trainee_id }), 'awardedOn'],
    ['withdrawTrainee: unknown trainee', 'scitts', 'mutation { withdrawTrainee(id: "NO-SUCH") { id } }', () => ({}), 'id'],
    ['deferTrainee: unknown trainee', 'scitts', 'mutation { deferTrainee(id: "NO-SUCH") { id } }', () => ({}), 'id'],
    ['resumeTrainee: unknown trainee', 'scitts', 'mutation { resumeTrainee(id: "NO-SUCH") { id } }', () => ({}), 'id'],
    ['addPlacement: malformed URN', 'scitts', 'mutation($t: ID!) { addPlacement(input: { placementId: "P-BAD", traineeId: $t, urn: "12", startedOn: "2024-09-01" }) { id } }', () => ({ t: trainee().trainee_id }), 'input.urn'],
    ['endPlacement: ends before it starts', 'scitts', 'mutation($id: ID!) { endPlacement(id: $id, endedOn: "2000-01-01") { id } }', () => ({ id: placement().placement_id }), 'endedOn'],
    ['removePlacement: unknown placement', 'scitts', 'mutation { removePlacement(id: "NO-SUCH") { id } }', () => ({}), 'id'],
    ['startEctInduction: malformed TRN', 'teaching-school-hubs', 'mutation { startEctInduction(input: { inductionId: "I-BAD", trn: "1", schoolUrn: "100000", hubId: "NE2", academicYear: 2024, trainingProgramme: PROVIDER_LED, startedOn: "2024-09-01" }) { id } }', () => ({}), 'input.trn'],
    ['recordInductionOutcome: finished before started', 'teaching-school-hubs', 'mutation($id: ID!) { recordInductionOutcome(id: $id, status: PASSED, finishedOn: "2000-01-01") { id } }', () => ({ id: induction().induction_id }), 'finishedOn'],
    ['enrolNpq: unknown enum value', 'teaching-school-hubs', 'mutation($input: EnrolNpqInput!) { enrolNpq(input: $input) { id } }', () => ({ input: { enrolmentId: 'N-BAD', trn: '1234567', schoolUrn: '100000', hubId: 'NE2', course: 'NPQXX', cohort: 2024 } }), 'input.course'],
    ['recordNpqOutcome: unknown enrolment', 'teaching-school-hubs', 'mutation { recordNpqOutcome(id: "NO-SUCH", status: PASSED) { id } }', () => ({}), 'id'],
    ['createProgramme: hub not held', 'curriculum-hubs', 'mutation { createProgramme(input: { programmeId: "PR-BAD", hubId: "NO-SUCH-HUB", title: "X", academicYear: 2024 }) { id } }', () => ({}), 'input.hubId'],
    ['updateProgramme: malformed year', 'curriculum-hubs', 'mutation($id: ID!) { updateProgramme(id: $id, input: { academicYear: 24 }) { id } }', () => ({ id: programme().programme_id }), 'input.academicYear'],
    ['recordParticipation: negative teachers', 'curriculum-hubs', 'mutation($p: ID!) { recordParticipation(programmeId: $p, urn: "100000", teachers: -2) { teachers } }', () => ({ p: programme().programme_id }), 'teachers'],
    ['removeParticipation: malformed URN', 'curriculum-hubs', 'mutation($p: ID!) { removeParticipation(programmeId: $p, urn: "x") { id } }', () => ({ p: programme().programme_id }), 'urn'],
    ['registerSchool: malformed LA code', 'local-authorities', 'mutation { registerSchool(input: { urn: "999001", name: "X", laCode: "80", phase: PRIMARY, typeGroup: ACADEMY, status: OPEN }) { urn } }', () => ({}), 'input.laCode'],
    ['setSchoolStatus: unknown school', 'local-authorities', 'mutation { setSchoolStatus(urn: "999999999", status: CLOSED) { urn } }', () => ({}), 'urn'],
    ['updateSchool: FSM above 100', 'local-authorities', 'mutation($urn: ID!) { updateSchool(urn: $urn, input: { percentageFsm: 140 }) { urn } }', () => ({ urn: school().urn }), 'input.percentageFsm'],
    ['recordSupportEpisode: a school supporting itself', 'local-authorities', 'mutation($u: ID!) { recordSupportEpisode(input: { episodeId: "E-BAD", supportedUrn: $u, supportingUrn: $u, supportType: SLE, category: COASTING, startedOn: "2024-09-01" }) { id } }', () => ({ u: school().urn }), 'input.supportingUrn'],
    ['endSupportEpisode: malformed date', 'local-authorities', 'mutation($id: ID!) { endSupportEpisode(id: $id, endedOn: "31/08/2025") { id } }', () => ({ id: episode().episode_id }), 'endedOn'],
    ['createNetwork: LA not held', 'local-authorities', 'mutation { createNetwork(input: { networkId: "NW-BAD", laCode: "999", name: "X", kind: SENCO }) { id } }', () => ({}), 'input.laCode'],
    ['addNetworkMember: school not held', 'local-authorities', 'mutation($n: ID!) { addNetworkMember(networkId: $n, urn: "999999999") { id } }', () => ({ n: network().network_id }), 'urn'],
    ['removeNetworkMember: malformed URN', 'local-authorities', 'mutation($n: ID!) { removeNetworkMember(networkId: $n, urn: "12") { id } }', () => ({ n: network().network_id }), 'urn'],
  ];

  test('every mutation of the graph has a case here', () => {
    const covered = new Set(CASES.map(([label]) => label.split(':')[0]));
    const all = readMutations();
    expect([...all].filter((m) => !covered.has(m))).toEqual([]);
  });

  test.each(CASES)('%s', async (_label, subgraph, mutation, variables, field) => {
    const orm = fed.subgraphs[subgraph].orm;
    const before = await snapshot(orm);
    const res = await fed.query(mutation, variables(), undefined, admin);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.field).toBe(field);
    expect(await snapshot(orm)).toEqual(before);
  });
});

function readMutations(): Set<string> {
  const sdl = readFileSync(join(import.meta.dirname, '../schema/supergraph.graphql'), 'utf8');
  const block = sdl.slice(sdl.indexOf('type Mutation'));
  return new Set([...block.slice(0, block.indexOf('\n}')).matchAll(/^ {2}([a-zA-Z]+)\(/gm)].map((m) => m[1]));
}
