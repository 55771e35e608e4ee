import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import type { DemoDataset } from '../scripts/src/demo-data/types.ts';
import { startFederation, type TestFederation } from './support/federation.ts';
import { PERSONAS, tokenFor } from './support/tokens.ts';

/**
 * Who may see and change what, through the real gateway over the four real subgraphs: every role × a personal read, an
 * aggregate read and a write of each subgraph, with the expected answer — data, a list filtered to nothing, or null
 * with FORBIDDEN / UNAUTHENTICATED on that path — and, for every refused write, the database checked unchanged.
 */
type Outcome = 'data' | 'empty' | 'FORBIDDEN' | 'UNAUTHENTICATED';
const ROLES = ['anonymous', 'admin', 'national-analyst', 'regional-analyst', 'scitt-staff', 'tsh-staff', 'la-staff', 'hub-staff'] as const;
type Role = (typeof ROLES)[number];

let data: DemoDataset;
let fed: TestFederation;
const tokens: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  data = generateDemoData({ size: 'small', seed: 3 });
  const folder = mkdtempSync(join(tmpdir(), 'tdg-matrix-'));
  writeDemoData(data, folder);
  fed = await startFederation(folder);
  for (const role of ROLES) if (role !== 'anonymous') tokens[role] = await tokenFor(PERSONAS[role]);
});
afterAll(() => fed?.close());

/** Runs an operation as a role and classifies the answer at `path`. */
async function outcome(role: Role, query: string, path: string[], variables: Record<string, unknown> = {}): Promise<Outcome> {
  const res = await fed.query<Record<string, unknown>>(query, variables, undefined, tokens[role]);
  let value: unknown = res.data;
  for (const key of path) value = (value as Record<string, unknown> | null | undefined)?.[key];
  const error = res.errors?.find((e) => JSON.stringify(e.path ?? []).startsWith(JSON.stringify(path).slice(0, -1)) || e.extensions?.code === 'UNAUTHENTICATED');
  if (value === null || value === undefined) return (error?.extensions?.code as Outcome) ?? (`no value and no error: ${JSON.stringify(res)}` as Outcome);
  expect(res.errors).toBeUndefined();
  return Array.isArray(value) && value.length === 0 ? 'empty' : 'data';
}

/** Row counts of every table of a subgraph's database (audit trail included). */
async function tableCounts(orm: MikroORM): Promise<Record<string, number>> {
  const conn = orm.em.fork().getConnection();
  const tables = (await conn.execute("select tablename from pg_tables where schemaname = 'public' order by 1")) as { tablename: string }[];
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) {
    const [row] = (await conn.execute(`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from "${tablename}" t`)) as { n: number; h: string }[];
    counts[tablename] = row.n;
    counts[`${tablename}#digest`] = row.h as unknown as number;
  }
  return counts;
}

const PERSONAL = (owner: Role): Record<Role, Outcome> => ({
  anonymous: 'UNAUTHENTICATED',
  admin: 'data',
  'national-analyst': 'FORBIDDEN',
  'regional-analyst': 'FORBIDDEN',
  'scitt-staff': owner === 'scitt-staff' ? 'data' : 'empty',
  'tsh-staff': owner === 'tsh-staff' ? 'data' : 'empty',
  'la-staff': owner === 'la-staff' ? 'data' : 'empty',
  'hub-staff': owner === 'hub-staff' ? 'data' : 'empty',
});
const AGGREGATE = (inRegionA: boolean): Record<Role, Outcome> => ({
  anonymous: 'UNAUTHENTICATED',
  admin: 'data',
  'national-analyst': 'data',
  'regional-analyst': inRegionA ? 'data' : 'FORBIDDEN',
  'scitt-staff': 'data',
  'tsh-staff': 'data',
  'la-staff': 'data',
  'hub-staff': 'data',
});
const AUTHENTICATED: Record<Role, Outcome> = { ...AGGREGATE(true) };
const WRITE = (owner: Role): Record<Role, Outcome> => ({
  anonymous: 'UNAUTHENTICATED',
  admin: 'data',
  'national-analyst': 'FORBIDDEN',
  'regional-analyst': 'FORBIDDEN',
  'scitt-staff': owner === 'scitt-staff' ? 'data' : 'FORBIDDEN',
  'tsh-staff': owner === 'tsh-staff' ? 'data' : 'FORBIDDEN',
  'la-staff': owner === 'la-staff' ? 'data' : 'FORBIDDEN',
  'hub-staff': owner === 'hub-staff' ? 'data' : 'FORBIDDEN',
});

describe('reads', () => {
  const READS: [string, string, string[], Record<Role, Outcome>][] = [
    ['scitts: personal — a SCITT’s trainees', '{ scitt(id: "70245") { trainees { id status teacher { trn } } } }', ['scitt', 'trainees'], PERSONAL('scitt-staff')],
    ['scitts: aggregate — a cohort’s counts (region A)', '{ scitt(id: "70245") { cohort(academicYear: 2022) { traineeCount awardedCount } } }', ['scitt', 'cohort', 'traineeCount'], AGGREGATE(true)],
    ['teaching-school-hubs: personal — a hub’s ECT inductions', '{ teachingSchoolHub(id: "NE2") { ectInductions { id status teacher { trn } } } }', ['teachingSchoolHub', 'ectInductions'], PERSONAL('tsh-staff')],
    ['teaching-school-hubs: aggregate — ECTs in region A', '{ region(code: "A") { inductionEngagement(academicYear: 2023) { ects } } }', ['region', 'inductionEngagement'], AGGREGATE(true)],
    ['teaching-school-hubs: aggregate — ECTs in region E', '{ region(code: "E") { inductionEngagement(academicYear: 2023) { ects } } }', ['region', 'inductionEngagement'], AGGREGATE(false)],
    ['curriculum-hubs: non-personal — a STELLAR programme’s participations', 'query($programme: ID!) { programme(id: $programme) { participations { teachers } } }', ['programme', 'participations'], AUTHENTICATED],
    ['curriculum-hubs: aggregate — hub engagement in LA 808', '{ localAuthority(code: "808") { hubEngagement(academicYear: 2023) { schoolsParticipating } } }', ['localAuthority', 'hubEngagement'], AGGREGATE(true)],
    ['local-authorities: non-personal — support episodes of LA 808', '{ localAuthority(code: "808") { supportEpisodes { id } } }', ['localAuthority', 'supportEpisodes'], AUTHENTICATED],
    ['local-authorities: aggregate — cold spots of LA 808', '{ localAuthority(code: "808") { coldSpots(fromYear: 2021, toYear: 2024) { coldSpotCount } } }', ['localAuthority', 'coldSpots', 'coldSpotCount'], AGGREGATE(true)],
    ['teaching-school-hubs: personal — a teacher’s golden thread', 'query($trn: ID!) { teacher(trn: $trn) { inductions { id } } }', ['teacher', 'inductions'], PERSONAL('tsh-staff')],
  ];
  const cases = READS.flatMap(([label, query, path, expected]) => ROLES.map((role) => [label, role, query, path, expected[role]] as const));

  test.each(cases)('%s, as %s', async (label, role, query, path, expected) => {
    const variables = label.includes('golden thread')
      ? { trn: data['ect-inductions.csv'].find((i) => i.hub_id === 'NE2')!.trn }
      : label.includes('STELLAR')
        ? { programme: data['participations.csv'].find((p) => p.programme_id.startsWith('SLP-STELLAR'))!.programme_id }
        : {};
    // The teacher lookup itself is for staff and administrators; analysts are refused at the root.
    const want = label.includes('golden thread') && (role === 'national-analyst' || role === 'regional-analyst') ? 'FORBIDDEN' : expected;
    const got = await outcome(role, query, label.includes('golden thread') && want === 'FORBIDDEN' ? ['teacher'] : path, variables);
    expect(got).toBe(want);
  });

  test('public register data is open to anonymous callers', async () => {
    const res = await fed.query('{ school(urn: "100000") { urn name localAuthority { name region { name } } } scitt(id: "70245") { name partnerSchoolCount } teachingSchoolHubs(regionCode: "A") { id name } }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({ scitt: { name: 'Stockton-on-Tees Teacher Training Partnership', partnerSchoolCount: 22 } });
  });

  test('a refused personal field is null while the rest of the response returns', async () => {
    const res = await fed.query<{ scitt: { name: string; trainees: unknown } }>('{ scitt(id: "70245") { name trainees { id } } }', {}, undefined, tokens['national-analyst']);
    expect(res.data).toEqual({ scitt: { name: 'Stockton-on-Tees Teacher Training Partnership', trainees: null } });
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['scitt', 'trainees'], 'FORBIDDEN']]);
    expect(res.errors?.[0].message).toMatch(/personal records/);
  });

  test('analysts never see TRNs: the personal records that carry them are refused', async () => {
    for (const role of ['national-analyst', 'regional-analyst'] as const) {
      const res = await fed.query('{ scitt(id: "70245") { trainees { teacher { trn } } } teachingSchoolHub(id: "NE2") { npqEnrolments { teacher { trn } } } }', {}, undefined, tokens[role]);
      expect(res.data).toEqual({ scitt: { trainees: null }, teachingSchoolHub: { npqEnrolments: null } });
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    }
  });
});

describe('writes', () => {
  const trainee = (id: string) => ({
    input: { traineeId: id, scittId: '70245', route: 'PROVIDER_LED_POSTGRAD', phase: 'PRIMARY', academicYear: 2024 },
  });
  const WRITES: [string, 'scitts' | 'teaching-school-hubs' | 'curriculum-hubs' | 'local-authorities', string, (role: Role) => Record<string, unknown>, Record<Role, Outcome>][] = [
    [
      'scitts: register a trainee with SCITT 70245',
      'scitts',
      'mutation($input: RegisterTraineeInput!) { registerTrainee(input: $input) { id status } }',
      (role) => trainee(`T-MATRIX-${role}`),
      WRITE('scitt-staff'),
    ],
    [
      'teaching-school-hubs: enrol an NPQ with hub NE2',
      'teaching-school-hubs',
      'mutation($input: EnrolNpqInput!) { enrolNpq(input: $input) { id status } }',
      (role) => ({ input: { enrolmentId: `NPQ-MATRIX-${role}`, trn: '7654321', schoolUrn: '100000', hubId: 'NE2', course: 'NPQH', cohort: 2024 } }),
      WRITE('tsh-staff'),
    ],
    [
      'curriculum-hubs: record a participation in a STELLAR programme',
      'curriculum-hubs',
      'mutation($p: ID!, $urn: ID!) { recordParticipation(programmeId: $p, urn: $urn, teachers: 3) { teachers } }',
      (role) => ({ p: data['programmes.csv'].find((p) => p.hub_id === 'SLP-STELLAR')!.programme_id, urn: String(900000 + ROLES.indexOf(role)) }),
      WRITE('hub-staff'),
    ],
    [
      'local-authorities: close a school of LA 808',
      'local-authorities',
      'mutation($urn: ID!) { setSchoolStatus(urn: $urn, status: CLOSED) { status } }',
      (role) => ({ urn: data['schools.csv'].filter((s) => s.la_code === '808' && s.status === 'OPEN')[ROLES.indexOf(role)].urn }),
      WRITE('la-staff'),
    ],
  ];
  const cases = WRITES.flatMap(([label, subgraph, mutation, variables, expected]) => ROLES.map((role) => [label, role, subgraph, mutation, variables, expected[role]] as const));

  test.each(cases)('%s, as %s', async (_label, role, subgraph, mutation, variables, expected) => {
    const orm = fed.subgraphs[subgraph].orm;
    const before = await tableCounts(orm);
    const res = await fed.query<Record<string, unknown>>(mutation, variables(role), undefined, tokens[role]);
    const field = Object.keys(res.data ?? {})[0];
    if (expected === 'data') {
      expect(res.errors).toBeUndefined();
      expect(res.data?.[field]).not.toBeNull();
      const audit = (await orm.em.fork().getConnection().execute('select actor_subject from audit_entry order by id desc limit 1')) as { actor_subject: string }[];
      expect(audit[0].actor_subject).toBe(PERSONAS[role].subject);
    } else {
      expect(res.errors?.[0].extensions?.code).toBe(expected);
      expect(await tableCounts(orm)).toEqual(before);
    }
  });

  test('staff of one SCITT cannot write another SCITT’s records', async () => {
    const other = data['scitts.csv'].find((s) => s.scitt_id !== '70245')!.scitt_id;
    const orm = fed.subgraphs.scitts.orm;
    const before = await tableCounts(orm);
    const res = await fed.query('mutation($input: RegisterTraineeInput!) { registerTrainee(input: $input) { id } }', { input: { ...trainee('T-CROSS').input, scittId: other } }, undefined, tokens['scitt-staff']);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await tableCounts(orm)).toEqual(before);
  });

  test('the audit trail is readable by the owning organisation’s staff and administrators only', async () => {
    const q = '{ scittsAuditLog(first: 5) { operation actorSubject organisation } }';
    const staff = await fed.query<{ scittsAuditLog: { organisation: string | null }[] }>(q, {}, undefined, tokens['scitt-staff']);
    expect(staff.data?.scittsAuditLog.length).toBeGreaterThan(0);
    expect(staff.data?.scittsAuditLog.every((e) => e.organisation === 'scitt:70245')).toBe(true);
    const analyst = await fed.query(q, {}, undefined, tokens['national-analyst']);
    expect(analyst.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const admin = await fed.query<{ scittsAuditLog: unknown[] }>(q, {}, undefined, tokens.admin);
    expect(admin.data?.scittsAuditLog.length).toBeGreaterThan(0);
  });
});
