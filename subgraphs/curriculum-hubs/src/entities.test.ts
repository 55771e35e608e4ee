import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Identity } from '@tdg/kit/auth/identity';
import { TEST_ADMIN, type TestSubgraph, graphql, startTestSubgraph } from '../../../test/support/subgraph-harness.ts';
import { curriculumHubs } from './index.ts';

/** The input rows: the expected figures below are computed from them, not written by hand. */
const HUBS = [
  { id: 'EH01', name: 'Tees Valley English Hub', kind: 'ENGLISH', lead: '', las: '808' },
  { id: 'MH01', name: 'North East Maths Hub', kind: 'MATHS', lead: '100001', las: '808;805' },
  { id: 'SLP01', name: 'STELLAR Science Learning Partnership', kind: 'SCIENCE', lead: '100003', las: '855' },
];
const PROGRAMMES = [
  { id: 'P1', hub: 'MH01', title: 'Teaching for Mastery', year: 2024, phase: 'DEVELOPMENT' },
  { id: 'P2', hub: 'MH01', title: 'Teaching for Mastery', year: 2023, phase: 'READINESS' },
  { id: 'P3', hub: 'SLP01', title: 'Subject leadership in science', year: 2024, phase: '' },
  { id: 'P4', hub: 'EH01', title: 'Early reading', year: 2024, phase: '' },
];
const PARTICIPATIONS = [
  { programme: 'P1', urn: '100001', teachers: 3 },
  { programme: 'P1', urn: '100002', teachers: null },
  { programme: 'P2', urn: '100001', teachers: 2 },
  { programme: 'P3', urn: '100003', teachers: 4 },
  { programme: 'P4', urn: '100001', teachers: 1 },
];
const teachersOf = (p: (typeof PARTICIPATIONS)[number]) => p.teachers ?? 1;
const yearOf = (programmeId: string) => PROGRAMMES.find((p) => p.id === programmeId)!.year;

/** Figures over a set of URNs in a year, straight from the rows above. */
function engagement(urns: string[], year: number) {
  const rows = PARTICIPATIONS.filter((p) => urns.includes(p.urn) && yearOf(p.programme) === year);
  return {
    schoolsParticipating: new Set(rows.map((p) => p.urn)).size,
    participations: rows.length,
    teachers: rows.reduce((n, p) => n + teachersOf(p), 0),
  };
}

/** The public URN → LA lookup (`school-areas.csv`): Stockton-on-Tees (808, region A) and Leicestershire (855, region E). */
const LA_808_URNS = ['100001', '100002', '100009'];
const REGION_E_URNS = ['100003', '100005'];
const SCHOOL_AREAS = [...LA_808_URNS.map((urn) => `${urn},808`), ...REGION_E_URNS.map((urn) => `${urn},855`)];

/** The subgraph on its own, without a gateway: `_entities` resolves every entity it owns or extends. */
describe('curriculum-hubs subgraph _entities', () => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ch-entities-'));
    writeFileSync(
      join(folder, 'curriculum-hubs.csv'),
      'hub_id,name,kind,lead_school_urn,la_codes\n' + HUBS.map((h) => `${h.id},${h.name},${h.kind},${h.lead},${h.las}`).join('\n') + '\n',
    );
    writeFileSync(
      join(folder, 'programmes.csv'),
      'programme_id,hub_id,title,academic_year,workgroup_phase\n' + PROGRAMMES.map((p) => `${p.id},${p.hub},${p.title},${p.year},${p.phase}`).join('\n') + '\n',
    );
    writeFileSync(
      join(folder, 'participations.csv'),
      'programme_id,urn,teachers\n' + PARTICIPATIONS.map((p) => `${p.programme},${p.urn},${p.teachers ?? ''}`).join('\n') + '\n',
    );
    writeFileSync(join(folder, 'school-areas.csv'), `urn,la_code\n${SCHOOL_AREAS.join('\n')}\n`);
    sg = await startTestSubgraph(curriculumHubs, folder);
  });
  afterAll(() => sg?.close());

  test('resolves CurriculumHub references, null for an unknown hub', async () => {
    const res = await graphql<{ _entities: unknown[] }>(
      sg.url,
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on CurriculumHub { id name kind leadSchool { urn } localAuthorities { code } programmes(academicYear: 2024) { id } all: programmes { id } }
      } }`,
      { r: [{ __typename: 'CurriculumHub', id: 'MH01' }, { __typename: 'CurriculumHub', id: 'NOPE' }, { __typename: 'CurriculumHub', id: 'EH01' }] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      {
        id: 'MH01',
        name: 'North East Maths Hub',
        kind: 'MATHS',
        leadSchool: { urn: '100001' },
        localAuthorities: [{ code: '805' }, { code: '808' }],
        programmes: [{ id: 'P1' }],
        all: [{ id: 'P1' }, { id: 'P2' }],
      },
      null,
      { id: 'EH01', name: 'Tees Valley English Hub', kind: 'ENGLISH', leadSchool: null, localAuthorities: [{ code: '808' }], programmes: [{ id: 'P4' }], all: [{ id: 'P4' }] },
    ]);
  });

  test('resolves Programme references with participations and batched figures', async () => {
    const res = await graphql<{ _entities: unknown[] }>(
      sg.url,
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Programme { id title academicYear workgroupPhase hub { id } participations { school { urn } teachers programme { id } } schoolCount teacherCount }
      } }`,
      { r: ['P1', 'P3', 'NOPE'].map((id) => ({ __typename: 'Programme', id })) },
    );
    expect(res.errors).toBeUndefined();
    const expected = (id: string) => {
      const p = PROGRAMMES.find((x) => x.id === id)!;
      const rows = PARTICIPATIONS.filter((x) => x.programme === id).sort((a, b) => a.urn.localeCompare(b.urn));
      return {
        id,
        title: p.title,
        academicYear: p.year,
        workgroupPhase: p.phase || null,
        hub: { id: p.hub },
        participations: rows.map((x) => ({ school: { urn: x.urn }, teachers: teachersOf(x), programme: { id } })),
        schoolCount: rows.length,
        teacherCount: rows.reduce((n, x) => n + teachersOf(x), 0),
      };
    };
    expect(res.data?._entities).toEqual([expected('P1'), expected('P3'), null]);
  });

  test('contributes hubParticipations and hubProgrammeCount to School, for any URN', async () => {
    const res = await graphql<{ _entities: unknown[] }>(
      sg.url,
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on School { urn hubParticipations(academicYear: 2024) { programme { id } teachers } y2024: hubProgrammeCount(academicYear: 2024) all: hubProgrammeCount allParticipations: hubParticipations { programme { id } } }
      } }`,
      { r: [{ __typename: 'School', urn: '100001', regionCode: 'A' }, { __typename: 'School', urn: '999999', regionCode: 'A' }] },
    );
    expect(res.errors).toBeUndefined();
    const of100001 = PARTICIPATIONS.filter((p) => p.urn === '100001');
    const in2024 = of100001.filter((p) => yearOf(p.programme) === 2024);
    expect(res.data?._entities).toEqual([
      {
        urn: '100001',
        hubParticipations: in2024.map((p) => ({ programme: { id: p.programme }, teachers: teachersOf(p) })),
        y2024: in2024.length,
        all: of100001.length,
        // ordered by academic year, then programme id
        allParticipations: [{ programme: { id: 'P2' } }, { programme: { id: 'P1' } }, { programme: { id: 'P4' } }],
      },
      { urn: '999999', hubParticipations: [], y2024: 0, all: 0, allParticipations: [] },
    ]);
  });

  test('contributes hubEngagement over the schools of its school_area lookup (by code), and curriculumHubs, to LocalAuthority and Region', async () => {
    const res = await graphql<{ _entities: unknown[] }>(
      sg.url,
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on LocalAuthority { code curriculumHubs { id } e24: hubEngagement(academicYear: 2024) { schoolsParticipating participations teachers } e23: hubEngagement(academicYear: 2023) { schoolsParticipating participations teachers } }
        ... on Region { code e24: hubEngagement(academicYear: 2024) { schoolsParticipating participations teachers } }
      } }`,
      {
        r: [
          { __typename: 'LocalAuthority', code: '808' },
          { __typename: 'LocalAuthority', code: '873' },
          { __typename: 'Region', code: 'E' },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      { code: '808', curriculumHubs: [{ id: 'EH01' }, { id: 'MH01' }], e24: engagement(LA_808_URNS, 2024), e23: engagement(LA_808_URNS, 2023) },
      { code: '873', curriculumHubs: [], e24: engagement([], 2024), e23: engagement([], 2023) },
      { code: 'E', e24: engagement(REGION_E_URNS, 2024) },
    ]);
    // the figures are those of the rows, spelled out once as a sanity check
    expect(engagement(LA_808_URNS, 2024)).toEqual({ schoolsParticipating: 2, participations: 3, teachers: 5 });
  });

  test('resolves ColdSpotReport curriculumEngagedUrns within each span', async () => {
    const candidates = ['100001', '100002', '100009'];
    const res = await graphql<{ _entities: { curriculumEngagedUrns: string[] }[] }>(
      sg.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on ColdSpotReport { curriculumEngagedUrns } } }`,
      {
        r: [
          { __typename: 'ColdSpotReport', id: 'la:808:2021:2023', fromYear: 2021, toYear: 2023, candidateUrns: candidates },
          { __typename: 'ColdSpotReport', id: 'la:808:2023:2024', fromYear: 2023, toYear: 2024, candidateUrns: candidates },
          { __typename: 'ColdSpotReport', id: 'la:808:2019:2020', fromYear: 2019, toYear: 2020, candidateUrns: candidates },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    const engaged = (from: number, to: number) =>
      candidates.filter((urn) => PARTICIPATIONS.some((p) => p.urn === urn && yearOf(p.programme) >= from && yearOf(p.programme) <= to));
    expect(res.data?._entities.map((e) => e.curriculumEngagedUrns)).toEqual([engaged(2021, 2023), engaged(2023, 2024), engaged(2019, 2020)]);
    expect(engaged(2021, 2023)).toEqual(['100001']);
  });

  test('lists hubs by kind and region (through the reference LA → region list), null for unknown ids', async () => {
    const res = await graphql<Record<string, unknown>>(
      sg.url,
      `{ all: curriculumHubs { id } a: curriculumHubs(regionCode: "A") { id } e: curriculumHubs(regionCode: "E") { id }
         aMaths: curriculumHubs(kind: MATHS, regionCode: "A") { id } maths: curriculumHubs(kind: MATHS) { id } g: curriculumHubs(regionCode: "G") { id }
         unknown: curriculumHub(id: "NOPE") { id } hub: curriculumHub(id: "SLP01") { name } programme(id: "P4") { title hub { id } } noProgramme: programme(id: "NOPE") { id } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      all: [{ id: 'EH01' }, { id: 'MH01' }, { id: 'SLP01' }],
      a: [{ id: 'EH01' }, { id: 'MH01' }],
      e: [{ id: 'SLP01' }],
      aMaths: [{ id: 'MH01' }],
      maths: [{ id: 'MH01' }],
      g: [],
      unknown: null,
      hub: { name: 'STELLAR Science Learning Partnership' },
      programme: { title: 'Early reading', hub: { id: 'EH01' } },
      noProgramme: null,
    });
  });

  test('rejects an implausible academic year', async () => {
    const res = await graphql(sg.url, `{ programme(id: "P1") { hub { programmes(academicYear: 24) { id } } } }`);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('SQL statements per request do not grow with the number of representations', async () => {
    const areaQuery = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on LocalAuthority { curriculumHubs { id programmes { id schoolCount teacherCount participations { teachers } } } hubEngagement(academicYear: 2024) { teachers } }
      ... on Region { hubEngagement(academicYear: 2024) { teachers } }
      ... on School { hubParticipations { programme { id hub { id } } } hubProgrammeCount(academicYear: 2024) }
      ... on ColdSpotReport { curriculumEngagedUrns }
    } }`;
    const reps = (n: number) => [
      ...['808', '805', '855', '873', '201', '202'].slice(0, n).map((code) => ({ __typename: 'LocalAuthority', code })),
      ...['A', 'E', 'G', 'H'].slice(0, n).map((code) => ({ __typename: 'Region', code })),
      ...['100001', '100002', '100003', '100004', '100005', '100006'].slice(0, n).map((urn) => ({ __typename: 'School', urn, regionCode: 'A' })),
      ...[2021, 2022, 2023].slice(0, n).map((y) => ({ __typename: 'ColdSpotReport', id: `la:808:${y}:2024`, fromYear: y, toYear: 2024, candidateUrns: LA_808_URNS })),
    ];
    const count = async (n: number, identity: Identity = TEST_ADMIN) => {
      sg.resetSqlCount();
      const res = await graphql(sg.url, areaQuery, { r: reps(n) }, identity);
      if (identity === TEST_ADMIN) expect(res.errors).toBeUndefined();
      return sg.sqlCount();
    };
    const few = await count(1);
    const many = await count(6);
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(12);
    // a regional analyst's access checks (the region of each programme's hub) are batched too
    const analyst: Identity = { subject: 'analyst-a', organisation: null, roles: ['REGIONAL_ANALYST'], regionScope: 'A' };
    expect(await count(6, analyst)).toBe(await count(1, analyst));
    expect(await count(6, analyst)).toBeLessThanOrEqual(13);
  });
});
