import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestSubgraph, graphql, startTestSubgraph } from '../../../test/support/subgraph-harness.ts';
import { teachingSchoolHubs } from './index.ts';

/** Rows of a CSV file as objects; written out with their keys as the header. */
type Rows = Record<string, string>[];

const csv = (rows: Rows): string => {
  const header = Object.keys(rows[0]);
  return [header.join(','), ...rows.map((r) => header.map((h) => r[h]).join(','))].join('\n') + '\n';
};

const HUBS: Rows = [
  { hub_id: 'EE3', name: 'Cambridgeshire and Peterborough Teaching School Hub', lead_school_urn: '110001', region_code: 'G', la_codes: '874;873' },
  { hub_id: 'EE2', name: 'Unity Teaching School Hub', lead_school_urn: '', region_code: 'G', la_codes: '881;935' },
  { hub_id: 'NE1', name: 'North East Hub', lead_school_urn: '', region_code: 'A', la_codes: '808' },
];

const INDUCTIONS: Rows = [
  { induction_id: 'I1', trn: '1000001', school_urn: '100001', hub_id: 'EE3', academic_year: '2024', training_programme: 'PROVIDER_LED', status: 'IN_PROGRESS', started_on: '2024-09-02', finished_on: '', mentor_trn: '2000001' },
  { induction_id: 'I2', trn: '1000002', school_urn: '100001', hub_id: 'EE3', academic_year: '2024', training_programme: 'SCHOOL_LED', status: 'IN_PROGRESS', started_on: '2024-09-02', finished_on: '', mentor_trn: '2000001' },
  { induction_id: 'I3', trn: '1000003', school_urn: '100002', hub_id: 'EE2', academic_year: '2023', training_programme: 'PROVIDER_LED', status: 'EXTENDED', started_on: '2023-09-04', finished_on: '', mentor_trn: '' },
  { induction_id: 'I4', trn: '1000003', school_urn: '100003', hub_id: 'EE2', academic_year: '2024', training_programme: 'PROVIDER_LED', status: 'PASSED', started_on: '2024-09-02', finished_on: '2025-07-18', mentor_trn: '' },
  { induction_id: 'I0', trn: '1000004', school_urn: '100004', hub_id: 'EE3', academic_year: '2024', training_programme: 'SCHOOL_LED', status: 'IN_PROGRESS', started_on: '2024-09-02', finished_on: '', mentor_trn: '' },
  { induction_id: 'I9', trn: '1000004', school_urn: '100003', hub_id: 'EE3', academic_year: '2024', training_programme: 'SCHOOL_LED', status: 'WITHDRAWN', started_on: '2024-09-02', finished_on: '2024-12-20', mentor_trn: '' },
  { induction_id: 'I5', trn: '1000005', school_urn: '100005', hub_id: 'NE1', academic_year: '2022', training_programme: 'PROVIDER_LED', status: 'PASSED', started_on: '2022-09-01', finished_on: '2023-07-20', mentor_trn: '' },
];

const ENROLMENTS: Rows = [
  { enrolment_id: 'N1', trn: '2000001', school_urn: '100001', hub_id: 'EE3', course: 'NPQLT', cohort: '2024', status: 'ACTIVE' },
  { enrolment_id: 'N2', trn: '1000003', school_urn: '100002', hub_id: 'EE2', course: 'NPQSL', cohort: '2025', status: 'ACTIVE' },
  { enrolment_id: 'N3', trn: '3000001', school_urn: '100003', hub_id: 'EE3', course: 'NPQH', cohort: '2024', status: 'PASSED' },
  { enrolment_id: 'N4', trn: '3000002', school_urn: '100003', hub_id: 'EE3', course: 'NPQH', cohort: '2024', status: 'ACTIVE' },
];

const PARTNERSHIPS: Rows = [
  { hub_id: 'EE3', partner_kind: 'SCITT', partner_id: '70245' },
  { hub_id: 'EE3', partner_kind: 'LOCAL_AUTHORITY', partner_id: '873' },
  { hub_id: 'EE3', partner_kind: 'CURRICULUM_HUB', partner_id: 'MH-01' },
];

/**
 * The public URN → LA lookup (`school-areas.csv`): Cambridgeshire (873) holds 100001 and 100002, Peterborough (874)
 * 100003, Essex (881) 100004 (the four in region G), Stockton-on-Tees (808) 100005 (region A); 110001 is in no area.
 */
const SCHOOL_AREAS: Rows = [
  { urn: '100001', la_code: '873' },
  { urn: '100002', la_code: '873' },
  { urn: '100003', la_code: '874' },
  { urn: '100004', la_code: '881' },
  { urn: '100005', la_code: '808' },
];

/** Figures over a set of schools, computed from the input rows (what the SQL must agree with). */
function inductionFigures(urns: string[], year: number) {
  const rows = INDUCTIONS.filter((r) => urns.includes(r.school_urn) && Number(r.academic_year) === year);
  return { schoolsWithEcts: new Set(rows.map((r) => r.school_urn)).size, ects: rows.length };
}
function npqFigures(urns: string[], cohort: number) {
  const rows = ENROLMENTS.filter((r) => urns.includes(r.school_urn) && Number(r.cohort) === cohort);
  return { schoolsWithParticipants: new Set(rows.map((r) => r.school_urn)).size, enrolments: rows.length };
}

/** The subgraph on its own, without a gateway: queries and `_entities` for every entity it owns or extends. */
describe('teaching-school-hubs subgraph', () => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tsh-entities-'));
    writeFileSync(join(folder, 'teaching-school-hubs.csv'), csv(HUBS));
    writeFileSync(join(folder, 'ect-inductions.csv'), csv(INDUCTIONS));
    writeFileSync(join(folder, 'npq-enrolments.csv'), csv(ENROLMENTS));
    writeFileSync(join(folder, 'hub-partnerships.csv'), csv(PARTNERSHIPS));
    writeFileSync(join(folder, 'school-areas.csv'), csv(SCHOOL_AREAS));
    sg = await startTestSubgraph(teachingSchoolHubs, folder);
  });
  afterAll(() => sg?.close());

  const entities = async <T>(selection: string, representations: Record<string, unknown>[]) => {
    const res = await graphql<{ _entities: T[] }>(sg.url, `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, {
      r: representations,
    });
    expect(res.errors).toBeUndefined();
    return res.data!._entities;
  };

  test('a hub with its LAs, partnerships, inductions and enrolments; unknown hub is null', async () => {
    const res = await graphql(
      sg.url,
      `{
        hub: teachingSchoolHub(id: "EE3") {
          id name leadSchool { urn } region { code } localAuthorities { code }
          partnerships { hub { id } partnerKind partnerId scitt { id } curriculumHub { id } localAuthority { code } }
          all: ectInductions { id }
          inProgress: ectInductions(academicYear: 2024, status: IN_PROGRESS) { id teacher { trn } appropriateBody { id } }
          ectInductionCount
          in2023: ectInductionCount(academicYear: 2023)
          npqh: npqEnrolments(course: NPQH) { id status }
          active: npqEnrolments(cohort: 2024, status: ACTIVE) { id }
          npqEnrolmentCount(cohort: 2024)
        }
        other: teachingSchoolHub(id: "EE2") { leadSchool { urn } localAuthorities { code } partnerships { partnerId } }
        unknown: teachingSchoolHub(id: "ZZ9") { id }
        east: teachingSchoolHubs(regionCode: "G") { id }
        every: teachingSchoolHubs { id }
      }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      hub: {
        id: 'EE3',
        name: 'Cambridgeshire and Peterborough Teaching School Hub',
        leadSchool: { urn: '110001' },
        region: { code: 'G' },
        localAuthorities: [{ code: '873' }, { code: '874' }],
        partnerships: [
          { hub: { id: 'EE3' }, partnerKind: 'CURRICULUM_HUB', partnerId: 'MH-01', scitt: null, curriculumHub: { id: 'MH-01' }, localAuthority: null },
          { hub: { id: 'EE3' }, partnerKind: 'LOCAL_AUTHORITY', partnerId: '873', scitt: null, curriculumHub: null, localAuthority: { code: '873' } },
          { hub: { id: 'EE3' }, partnerKind: 'SCITT', partnerId: '70245', scitt: { id: '70245' }, curriculumHub: null, localAuthority: null },
        ],
        all: [{ id: 'I0' }, { id: 'I1' }, { id: 'I2' }, { id: 'I9' }],
        inProgress: [
          { id: 'I0', teacher: { trn: '1000004' }, appropriateBody: { id: 'EE3' } },
          { id: 'I1', teacher: { trn: '1000001' }, appropriateBody: { id: 'EE3' } },
          { id: 'I2', teacher: { trn: '1000002' }, appropriateBody: { id: 'EE3' } },
        ],
        ectInductionCount: 4,
        in2023: 0,
        npqh: [
          { id: 'N3', status: 'PASSED' },
          { id: 'N4', status: 'ACTIVE' },
        ],
        active: [{ id: 'N1' }, { id: 'N4' }],
        npqEnrolmentCount: 3,
      },
      other: { leadSchool: null, localAuthorities: [{ code: '881' }, { code: '935' }], partnerships: [] },
      unknown: null,
      east: [{ id: 'EE2' }, { id: 'EE3' }],
      every: [{ id: 'EE2' }, { id: 'EE3' }, { id: 'NE1' }],
    });
  });

  test('Query.teacher is null unless a hub holds an induction, a mentoring or an NPQ for the TRN', async () => {
    const res = await graphql(
      sg.url,
      `{ ect: teacher(trn: "1000003") { trn } mentor: teacher(trn: "2000001") { trn } npq: teacher(trn: "3000001") { trn } none: teacher(trn: "9999999") { trn } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ ect: { trn: '1000003' }, mentor: { trn: '2000001' }, npq: { trn: '3000001' }, none: null });
  });

  test('rejects a malformed academic year with BAD_USER_INPUT', async () => {
    const res = await graphql(sg.url, `{ teachingSchoolHub(id: "EE3") { ectInductionCount(academicYear: 24) } }`);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'academicYear' });
  });

  test('resolves TeachingSchoolHub references, null for an unknown hub', async () => {
    expect(
      await entities('... on TeachingSchoolHub { id name region { code } }', [
        { __typename: 'TeachingSchoolHub', id: 'NE1' },
        { __typename: 'TeachingSchoolHub', id: 'ZZ9' },
      ]),
    ).toEqual([{ id: 'NE1', name: 'North East Hub', region: { code: 'A' } }, null]);
  });

  test('resolves Teacher references: inductions by start, NPQs by cohort, mentoring', async () => {
    expect(
      await entities(
        `... on Teacher { trn
          inductions { id academicYear startedOn finishedOn status trainingProgramme school { urn } appropriateBody { id } mentor { trn } }
          npqEnrolments { id course cohort hub { id } school { urn } teacher { trn } }
          mentoring { id teacher { trn } } }`,
        [
          { __typename: 'Teacher', trn: '1000003' },
          { __typename: 'Teacher', trn: '2000001' },
          { __typename: 'Teacher', trn: '9999999' },
        ],
      ),
    ).toEqual([
      {
        trn: '1000003',
        inductions: [
          { id: 'I3', academicYear: 2023, startedOn: '2023-09-04', finishedOn: null, status: 'EXTENDED', trainingProgramme: 'PROVIDER_LED', school: { urn: '100002' }, appropriateBody: { id: 'EE2' }, mentor: null },
          { id: 'I4', academicYear: 2024, startedOn: '2024-09-02', finishedOn: '2025-07-18', status: 'PASSED', trainingProgramme: 'PROVIDER_LED', school: { urn: '100003' }, appropriateBody: { id: 'EE2' }, mentor: null },
        ],
        npqEnrolments: [{ id: 'N2', course: 'NPQSL', cohort: 2025, hub: { id: 'EE2' }, school: { urn: '100002' }, teacher: { trn: '1000003' } }],
        mentoring: [],
      },
      {
        trn: '2000001',
        inductions: [],
        npqEnrolments: [{ id: 'N1', course: 'NPQLT', cohort: 2024, hub: { id: 'EE3' }, school: { urn: '100001' }, teacher: { trn: '2000001' } }],
        mentoring: [
          { id: 'I1', teacher: { trn: '1000001' } },
          { id: 'I2', teacher: { trn: '1000002' } },
        ],
      },
      { trn: '9999999', inductions: [], npqEnrolments: [], mentoring: [] },
    ]);
  });

  test('resolves School references with inductions and NPQs, optionally of one year', async () => {
    expect(
      await entities(
        `... on School { urn ectCount y2023: ectCount(academicYear: 2023) ectInductions(academicYear: 2024) { id mentor { trn } }
          npqEnrolments { id } npqCount(cohort: 2024) c2025: npqCount(cohort: 2025) }`,
        [
          { __typename: 'School', urn: '100001' },
          { __typename: 'School', urn: '100003' },
          { __typename: 'School', urn: '999999' },
        ],
      ),
    ).toEqual([
      {
        urn: '100001',
        ectCount: 2,
        y2023: 0,
        ectInductions: [
          { id: 'I1', mentor: { trn: '2000001' } },
          { id: 'I2', mentor: { trn: '2000001' } },
        ],
        npqEnrolments: [{ id: 'N1' }],
        npqCount: 1,
        c2025: 0,
      },
      { urn: '100003', ectCount: 2, y2023: 0, ectInductions: [{ id: 'I4', mentor: null }, { id: 'I9', mentor: null }], npqEnrolments: [{ id: 'N3' }, { id: 'N4' }], npqCount: 2, c2025: 0 },
      { urn: '999999', ectCount: 0, y2023: 0, ectInductions: [], npqEnrolments: [], npqCount: 0, c2025: 0 },
    ]);
  });

  test('resolves LocalAuthority and Region by code over the schools of its school_area lookup, in one statement per figure', async () => {
    const areas = [
      { __typename: 'LocalAuthority', code: '873' },
      { __typename: 'LocalAuthority', code: '874' },
      { __typename: 'LocalAuthority', code: '999' },
      { __typename: 'Region', code: 'G' },
      { __typename: 'Region', code: 'A' },
    ];
    const urnsOf = (code: string) => SCHOOL_AREAS.filter((a) => a.la_code === code || (code === 'G' && a.urn !== '100005') || (code === 'A' && a.urn === '100005')).map((a) => a.urn);
    const selection = `teachingSchoolHubs { id }
      y2024: inductionEngagement(academicYear: 2024) { schoolsWithEcts ects }
      y2023: inductionEngagement(academicYear: 2023) { schoolsWithEcts ects }
      npqEngagement(cohort: 2024) { schoolsWithParticipants enrolments }`;
    sg.resetSqlCount();
    const result = await entities(`... on LocalAuthority { code ${selection} } ... on Region { code ${selection} }`, areas);
    // hubs by LA, hubs by region, engagement in 2024, engagement in 2023, NPQs in 2024: independent of the number of areas
    expect(sg.sqlCount()).toBe(5);
    const hubs: Record<string, string[]> = { '873': ['EE3'], '874': ['EE3'], '999': [], G: ['EE2', 'EE3'], A: ['NE1'] };
    expect(result).toEqual(
      areas.map((a) => ({
        code: a.code,
        teachingSchoolHubs: hubs[a.code].map((id) => ({ id })),
        y2024: inductionFigures(urnsOf(a.code), 2024),
        y2023: inductionFigures(urnsOf(a.code), 2023),
        npqEngagement: npqFigures(urnsOf(a.code), 2024),
      })),
    );
    // and the figures are what the rows say
    expect(result[3]).toMatchObject({ y2024: { schoolsWithEcts: 3, ects: 5 }, npqEngagement: { schoolsWithParticipants: 2, enrolments: 3 } });
  });

  test('resolves ScittCohort with awardedTrns: the school of each teacher’s first induction, ordered by TRN', async () => {
    sg.resetSqlCount();
    expect(
      await entities('... on ScittCohort { scittId academicYear startedInductionCount inductionSchoolUrns }', [
        { __typename: 'ScittCohort', scittId: '70245', academicYear: 2023, awardedTrns: ['1000004', '1000003', '1000002', '1000001', '9999999'] },
        { __typename: 'ScittCohort', scittId: '70245', academicYear: 2022, awardedTrns: [] },
        { __typename: 'ScittCohort', scittId: '10001', academicYear: 2023, awardedTrns: ['1000005', '8888888'] },
      ]),
    ).toEqual([
      // 1000003 began at 100002 (2023) before 100003 (2024); 1000004's two inductions start the same day: I0 first
      { scittId: '70245', academicYear: 2023, startedInductionCount: 4, inductionSchoolUrns: ['100001', '100001', '100002', '100004'] },
      { scittId: '70245', academicYear: 2022, startedInductionCount: 0, inductionSchoolUrns: [] },
      { scittId: '10001', academicYear: 2023, startedInductionCount: 1, inductionSchoolUrns: ['100005'] },
    ]);
    expect(sg.sqlCount()).toBe(1);
  });

  test('resolves ColdSpotReport: candidates with an ECT or NPQ within the span', async () => {
    sg.resetSqlCount();
    expect(
      await entities('... on ColdSpotReport { id tshEngagedUrns }', [
        { __typename: 'ColdSpotReport', id: 'la:873:2023:2024', fromYear: 2023, toYear: 2024, candidateUrns: ['100001', '100002', '100003', '100005', '100006'] },
        { __typename: 'ColdSpotReport', id: 'region:A:2025:2025', fromYear: 2025, toYear: 2025, candidateUrns: ['100005', '100002'] },
        { __typename: 'ColdSpotReport', id: 'region:B:2021:2024', fromYear: 2021, toYear: 2024, candidateUrns: [] },
      ]),
    ).toEqual([
      { id: 'la:873:2023:2024', tshEngagedUrns: ['100001', '100002', '100003'] },
      { id: 'region:A:2025:2025', tshEngagedUrns: ['100002'] },
      { id: 'region:B:2021:2024', tshEngagedUrns: [] },
    ]);
    expect(sg.sqlCount()).toBe(1);
  });

  test('statements per request do not grow with the number of hubs, teachers or schools', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on TeachingSchoolHub { localAuthorities { code } partnerships { partnerId } ectInductions { id appropriateBody { name } } npqEnrolments(cohort: 2024) { id hub { name } } ectInductionCount npqEnrolmentCount }
      ... on Teacher { inductions { id } npqEnrolments { id } mentoring { id } }
      ... on School { ectInductions { id } ectCount npqEnrolments { id } npqCount }
    } }`;
    const count = async (hubs: string[], trns: string[], urns: string[]) => {
      sg.resetSqlCount();
      const res = await graphql(sg.url, query, {
        r: [
          ...hubs.map((id) => ({ __typename: 'TeachingSchoolHub', id })),
          ...trns.map((trn) => ({ __typename: 'Teacher', trn })),
          ...urns.map((urn) => ({ __typename: 'School', urn })),
        ],
      });
      expect(res.errors).toBeUndefined();
      return sg.sqlCount();
    };
    const one = await count(['EE3'], ['1000003'], ['100001']);
    const many = await count(['EE3', 'EE2', 'NE1'], ['1000001', '1000003', '2000001', '9999999'], ['100001', '100002', '100003', '100005']);
    expect(many).toBe(one);
  });
});
