import { type TestSubgraph, graphql, startTestSubgraph } from '../../../test/support/subgraph-harness.ts';
import { scitts } from './index.ts';
import { PLACEMENTS, TRAINEES, fixtureFolder } from './testing/fixture.ts';

/** ITT engagement computed from the input rows, to check the subgraph's SQL against. */
function expectedEngagement(urns: string[], academicYear: number) {
  const yearOf = new Map(TRAINEES.map((t) => [t[0], Number(t[6])]));
  const hits = PLACEMENTS.filter((p) => urns.includes(p[2]) && yearOf.get(p[1]) === academicYear);
  return { schoolsHostingPlacements: new Set(hits.map((p) => p[2])).size, placements: hits.length, trainees: new Set(hits.map((p) => p[1])).size };
}

/** The subgraph on its own, without a gateway: `_entities` resolves every entity it owns or extends (as an administrator). */
describe('scitts subgraph _entities', () => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startTestSubgraph(scitts, fixtureFolder());
  });
  afterAll(() => sg?.close());

  const entities = async (selection: string, representations: Record<string, unknown>[]) => {
    const res = await graphql<{ _entities: unknown[] }>(sg.url, `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, {
      r: representations,
    });
    expect(res.errors).toBeUndefined();
    return res.data!._entities;
  };

  test('resolves Scitt references, null for unknown ids', async () => {
    const result = await entities(
      `... on Scitt { id ukprn name leadSchool { urn } region { code } partnerSchools { urn } partnerSchoolCount
         trainees(academicYear: 2023, status: AWARDED) { id award awardedOn } }`,
      [
        { __typename: 'Scitt', id: '70245' },
        { __typename: 'Scitt', id: '99999' },
        { __typename: 'Scitt', id: '70300' },
      ],
    );
    expect(result).toEqual([
      {
        id: '70245',
        ukprn: '10012345',
        name: 'Stockton-on-Tees Teacher Training Partnership',
        leadSchool: { urn: '100001' },
        region: { code: 'A' },
        partnerSchools: [{ urn: '100001' }, { urn: '100002' }, { urn: '100003' }],
        partnerSchoolCount: 3,
        trainees: [
          { id: 'T1', award: 'QTS', awardedOn: '2024-07-01' },
          { id: 'T2', award: 'QTS', awardedOn: '2024-07-02' },
          { id: 'T7', award: 'QTS', awardedOn: '2024-07-03' },
        ],
      },
      null,
      { id: '70300', ukprn: null, name: 'Cambridge SCITT', leadSchool: null, region: { code: 'G' }, partnerSchools: [{ urn: '100003' }], partnerSchoolCount: 1, trainees: [] },
    ]);
  });

  test('resolves ScittCohort references with counts, awarded TRNs and the SCITT fields the graph requires', async () => {
    const result = await entities(
      `... on ScittCohort { scittId academicYear scitt { id } traineeCount awardedCount inTrainingCount withdrawnCount deferredCount
         awardedTrns partnerSchoolUrns leadSchoolUrn regionCode }`,
      [
        { __typename: 'ScittCohort', scittId: '70245', academicYear: 2023 },
        { __typename: 'ScittCohort', scittId: '70300', academicYear: 2024 },
        { __typename: 'ScittCohort', scittId: '70245', academicYear: 2020 },
        { __typename: 'ScittCohort', scittId: '99999', academicYear: 2023 },
      ],
    );
    const scitt70245 = { partnerSchoolUrns: ['100001', '100002', '100003'], leadSchoolUrn: '100001', regionCode: 'A' };
    expect(result).toEqual([
      {
        scittId: '70245',
        academicYear: 2023,
        scitt: { id: '70245' },
        traineeCount: 5,
        awardedCount: 3,
        inTrainingCount: 1,
        withdrawnCount: 1,
        deferredCount: 0,
        awardedTrns: ['1234567', '2345678'],
        ...scitt70245,
      },
      {
        scittId: '70300',
        academicYear: 2024,
        scitt: { id: '70300' },
        traineeCount: 1,
        awardedCount: 1,
        inTrainingCount: 0,
        withdrawnCount: 0,
        deferredCount: 0,
        awardedTrns: ['1234567'],
        partnerSchoolUrns: ['100003'],
        leadSchoolUrn: null,
        regionCode: 'G',
      },
      {
        scittId: '70245',
        academicYear: 2020,
        scitt: { id: '70245' },
        traineeCount: 0,
        awardedCount: 0,
        inTrainingCount: 0,
        withdrawnCount: 0,
        deferredCount: 0,
        awardedTrns: [],
        ...scitt70245,
      },
      null,
    ]);
  });

  test('resolves Teacher references to their training, empty for an unknown TRN', async () => {
    const result = await entities(`... on Teacher { trn training { id academicYear award scitt { id } teacher { trn } } }`, [
      { __typename: 'Teacher', trn: '1234567' },
      { __typename: 'Teacher', trn: '9999999' },
    ]);
    expect(result).toEqual([
      {
        trn: '1234567',
        training: [
          { id: 'T1', academicYear: 2023, award: 'QTS', scitt: { id: '70245' }, teacher: { trn: '1234567' } },
          { id: 'T6', academicYear: 2024, award: 'EYTS', scitt: { id: '70300' }, teacher: { trn: '1234567' } },
        ],
      },
      { trn: '9999999', training: [] },
    ]);
  });

  test('resolves School references with placements, placement counts and partner SCITTs', async () => {
    const result = await entities(
      `... on School { urn placements { id startedOn endedOn trainee { id } school { urn } } placementCount
         in2024: placementCount(academicYear: 2024) placements2024: placements(academicYear: 2024) { id } partnerScitts { id } }`,
      [
        { __typename: 'School', urn: '100001', regionCode: 'A' },
        { __typename: 'School', urn: '100003', regionCode: 'A' },
        { __typename: 'School', urn: '999999', regionCode: 'K' },
      ],
    );
    expect(result).toEqual([
      {
        urn: '100001',
        placements: [
          { id: 'P1', startedOn: '2023-09-10', endedOn: '2023-12-15', trainee: { id: 'T1' }, school: { urn: '100001' } },
          { id: 'P3', startedOn: '2023-09-10', endedOn: '2024-02-01', trainee: { id: 'T2' }, school: { urn: '100001' } },
        ],
        placementCount: 2,
        in2024: 0,
        placements2024: [],
        partnerScitts: [{ id: '70245' }],
      },
      {
        urn: '100003',
        placements: [
          { id: 'P4', startedOn: '2023-10-01', endedOn: null, trainee: { id: 'T4' }, school: { urn: '100003' } },
          { id: 'P6', startedOn: '2024-09-05', endedOn: null, trainee: { id: 'T6' }, school: { urn: '100003' } },
        ],
        placementCount: 2,
        in2024: 1,
        placements2024: [{ id: 'P6' }],
        partnerScitts: [{ id: '70245' }, { id: '70300' }],
      },
      { urn: '999999', placements: [], placementCount: 0, in2024: 0, placements2024: [], partnerScitts: [] },
    ]);
  });

  test('computes ITT engagement of LocalAuthority and Region over the schools of its school_area lookup, by code', async () => {
    const la808 = ['100001', '100002', '100004'];
    const regionA = ['100001', '100002', '100003', '100004'];
    const result = await entities(
      `... on LocalAuthority { code y2023: ittEngagement(academicYear: 2023) { schoolsHostingPlacements placements trainees }
                                   y2024: ittEngagement(academicYear: 2024) { schoolsHostingPlacements placements trainees } }
       ... on Region { code y2023: ittEngagement(academicYear: 2023) { schoolsHostingPlacements placements trainees }
                            y2024: ittEngagement(academicYear: 2024) { schoolsHostingPlacements placements trainees } scitts { id } }`,
      [
        { __typename: 'LocalAuthority', code: '808' },
        { __typename: 'Region', code: 'A' },
        { __typename: 'LocalAuthority', code: '873' },
        { __typename: 'Region', code: 'G' },
      ],
    );
    expect(result).toEqual([
      { code: '808', y2023: expectedEngagement(la808, 2023), y2024: expectedEngagement(la808, 2024) },
      { code: 'A', y2023: expectedEngagement(regionA, 2023), y2024: expectedEngagement(regionA, 2024), scitts: [{ id: '70245' }] },
      { code: '873', y2023: expectedEngagement(['300001'], 2023), y2024: expectedEngagement(['300001'], 2024) },
      { code: 'G', y2023: expectedEngagement(['300001'], 2023), y2024: expectedEngagement(['300001'], 2024), scitts: [{ id: '70300' }] },
    ]);
    // The same figures, written out: LA 808 in 2023 hosts P1, P2 (T1) and P3 (T2) in 100001 and 100002.
    expect((result[0] as { y2023: unknown }).y2023).toEqual({ schoolsHostingPlacements: 2, placements: 3, trainees: 2 });
    expect((result[1] as { y2023: unknown }).y2023).toEqual({ schoolsHostingPlacements: 3, placements: 4, trainees: 3 });
  });

  test('reports the candidates of ColdSpotReports that hosted a placement in the span, in candidate order', async () => {
    const result = await entities(`... on ColdSpotReport { ittEngagedUrns }`, [
      { __typename: 'ColdSpotReport', id: 'la:808:2021:2023', fromYear: 2021, toYear: 2023, candidateUrns: ['100004', '100002', '100001', '100003'] },
      { __typename: 'ColdSpotReport', id: 'region:A:2024:2024', fromYear: 2024, toYear: 2024, candidateUrns: ['100001', '100002', '100003'] },
      { __typename: 'ColdSpotReport', id: 'region:A:2019:2020', fromYear: 2019, toYear: 2020, candidateUrns: ['100001'] },
      { __typename: 'ColdSpotReport', id: 'la:873:2021:2024', fromYear: 2021, toYear: 2024, candidateUrns: [] },
    ]);
    expect(result).toEqual([
      { ittEngagedUrns: ['100002', '100001', '100003'] },
      { ittEngagedUrns: ['100002', '100003'] },
      { ittEngagedUrns: [] },
      { ittEngagedUrns: [] },
    ]);
  });

  test('answers the root queries', async () => {
    const res = await graphql<Record<string, unknown>>(
      sg.url,
      `{ scitt(id: "70245") { name } unknown: scitt(id: "1") { name } scitts { id } north: scitts(regionCode: "A") { id }
         trainee(id: "T3") { id route phase subject status award awardedOn teacher { trn } placements { id } scitt { id } }
         missing: trainee(id: "nope") { id } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      scitt: { name: 'Stockton-on-Tees Teacher Training Partnership' },
      unknown: null,
      scitts: [{ id: '70245' }, { id: '70300' }],
      north: [{ id: '70245' }],
      trainee: { id: 'T3', route: 'EARLY_YEARS_POSTGRAD', phase: 'EARLY_YEARS', subject: null, status: 'WITHDRAWN', award: null, awardedOn: null, teacher: null, placements: [], scitt: { id: '70245' } },
      missing: null,
    });
  });

  test('rejects an academic year out of range with BAD_USER_INPUT', async () => {
    const res = await graphql(sg.url, `{ scitt(id: "70245") { cohort(academicYear: 24) { traineeCount } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('batches: the number of SQL statements does not grow with the number of representations', async () => {
    const selection = `... on Scitt { partnerSchools { urn } trainees { placements { school { urn } } teacher { trn } } cohort(academicYear: 2023) { traineeCount awardedTrns regionCode } }
      ... on School { placements { trainee { id scitt { id } } } placementCount(academicYear: 2023) partnerScitts { id } }
      ... on Teacher { training { id placements { id } } }
      ... on LocalAuthority { ittEngagement(academicYear: 2023) { placements } }
      ... on ColdSpotReport { ittEngagedUrns }`;
    const reps = (n: number) => [
      ...[{ __typename: 'Scitt', id: '70245' }, { __typename: 'Scitt', id: '70300' }].slice(0, n),
      ...['100001', '100002', '100003'].slice(0, n + 1).map((urn) => ({ __typename: 'School', urn, regionCode: 'A' })),
      ...['1234567', '2345678'].slice(0, n).map((trn) => ({ __typename: 'Teacher', trn })),
      ...['808', '873'].slice(0, n).map((code) => ({ __typename: 'LocalAuthority', code })),
      ...['la:808:2021:2023', 'la:873:2021:2024'].slice(0, n).map((id) => ({ __typename: 'ColdSpotReport', id, fromYear: 2021, toYear: 2024, candidateUrns: ['100001', '100003'] })),
    ];
    // Placements by trainee are asked at two depths (a teacher's training, a SCITT's trainees): two statements, unless
    // the machine is slow enough that both waves fall in one tick and DataLoader merges them into one. The count of
    // the usual schedule is the larger: the most over three runs of each.
    const statements = async (n: number) => {
      let most = 0;
      for (let run = 0; run < 3; run++) {
        sg.resetSqlCount();
        await entities(selection, reps(n));
        most = Math.max(most, sg.sqlCount());
      }
      return most;
    };
    const one = await statements(1);
    const two = await statements(2);
    expect(two).toBe(one);
    expect(one).toBeLessThanOrEqual(14);
  });
});
