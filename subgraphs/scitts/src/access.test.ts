import { type TestSubgraph, graphql, startTestSubgraph } from '../../../test/support/subgraph-harness.ts';
import { regionOfColdSpotReport } from '@tdg/kit/cold-spot-report';
import { scitts } from './index.ts';
import { CALLERS, type Caller, fixtureFolder } from './testing/fixture.ts';

type Result = Awaited<ReturnType<typeof graphql<Record<string, unknown>>>>;

/** What a caller gets on one path: the data, or null with an error of this code on that path. */
type Outcome = 'data' | 'UNAUTHENTICATED' | 'FORBIDDEN';

const codeAt = (res: Result, path: (string | number)[]) =>
  res.errors?.find((e) => JSON.stringify(e.path) === JSON.stringify(path))?.extensions?.code as string | undefined;

/** Who may read what (schema/scitts.graphql `@access`), each caller against the records of SCITT 70245 (region A) and 70300 (region G). */
describe('scitts access rules', () => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startTestSubgraph(scitts, fixtureFolder());
  });
  afterAll(() => sg?.close());

  const ask = (caller: Caller, query: string, variables: Record<string, unknown> = {}) => graphql(sg.url, query, variables, CALLERS[caller]);
  const entities = (caller: Caller, selection: string, representations: Record<string, unknown>[]) =>
    ask(caller, `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, { r: representations });

  const everyone = Object.keys(CALLERS) as Caller[];

  test.each(everyone)('public register data: SCITTs and their public details, for %s', async (caller) => {
    const res = await ask(
      caller,
      `{ scitt(id: "70245") { id ukprn name leadSchool { urn } region { code } partnerSchools { urn } partnerSchoolCount cohort(academicYear: 2023) { scittId academicYear } }
         scitts(regionCode: "G") { id name } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      scitt: {
        id: '70245',
        ukprn: '10012345',
        name: 'Stockton-on-Tees Teacher Training Partnership',
        leadSchool: { urn: '100001' },
        region: { code: 'A' },
        partnerSchools: [{ urn: '100001' }, { urn: '100002' }, { urn: '100003' }],
        partnerSchoolCount: 3,
        cohort: { scittId: '70245', academicYear: 2023 },
      },
      scitts: [{ id: '70300', name: 'Cambridge SCITT' }],
    });
    const refs = await entities(caller, `... on School { urn partnerScitts { id } } ... on Region { code scitts { id } } ... on ScittCohort { scittId regionCode }`, [
      { __typename: 'School', urn: '100003' },
      { __typename: 'Region', code: 'A' },
      { __typename: 'ScittCohort', scittId: '70300', academicYear: 2024 },
    ]);
    expect(refs.errors).toBeUndefined();
    expect(refs.data).toEqual({
      _entities: [{ urn: '100003', partnerScitts: [{ id: '70245' }, { id: '70300' }] }, { code: 'A', scitts: [{ id: '70245' }] }, { scittId: '70300', regionCode: 'G' }],
    });
  });

  describe('personal records', () => {
    const TRAINEE: Record<Caller, Outcome> = {
      anonymous: 'UNAUTHENTICATED',
      staffOf70245: 'data',
      staffOf70300: 'FORBIDDEN',
      hubStaff: 'FORBIDDEN',
      analystOfA: 'FORBIDDEN',
      analystOfG: 'FORBIDDEN',
      nationalAnalyst: 'FORBIDDEN',
      admin: 'data',
    };
    test.each(everyone)('Query.trainee of SCITT 70245, for %s', async (caller) => {
      const res = await ask(caller, `{ trainee(id: "T1") { id teacher { trn } status award placements { id school { urn } } scitt { id } } scitt(id: "70245") { name } }`);
      expect(res.data?.scitt).toEqual({ name: 'Stockton-on-Tees Teacher Training Partnership' });
      if (TRAINEE[caller] === 'data') {
        expect(res.errors).toBeUndefined();
        expect(res.data?.trainee).toEqual({
          id: 'T1',
          teacher: { trn: '1234567' },
          status: 'AWARDED',
          award: 'QTS',
          placements: [
            { id: 'P1', school: { urn: '100001' } },
            { id: 'P2', school: { urn: '100002' } },
          ],
          scitt: { id: '70245' },
        });
      } else {
        expect(res.data?.trainee).toBeNull();
        expect(codeAt(res, ['trainee'])).toBe(TRAINEE[caller]);
        expect(res.errors).toHaveLength(1);
      }
    });

    test('an unknown trainee is null without an error, for staff', async () => {
      const res = await ask('staffOf70245', `{ trainee(id: "nope") { id } }`);
      expect(res).toEqual({ data: { trainee: null } });
    });

    /** Lists: the owning SCITT's staff get theirs, other SCITTs' staff an empty list, others null with an error. */
    const LIST: Record<Caller, Outcome | 'empty'> = { ...TRAINEE, staffOf70300: 'empty', hubStaff: 'empty' };
    test.each(everyone)('Scitt.trainees of SCITT 70245, for %s', async (caller) => {
      const res = await ask(caller, `{ scitt(id: "70245") { name trainees(academicYear: 2023) { id } } }`);
      const scitt = res.data?.scitt as { name: string; trainees: { id: string }[] | null };
      expect(scitt.name).toBe('Stockton-on-Tees Teacher Training Partnership');
      const outcome = LIST[caller];
      if (outcome === 'data') expect(scitt.trainees).toEqual([{ id: 'T1' }, { id: 'T2' }, { id: 'T3' }, { id: 'T4' }, { id: 'T7' }]);
      else if (outcome === 'empty') expect(scitt.trainees).toEqual([]);
      else {
        expect(scitt.trainees).toBeNull();
        expect(codeAt(res, ['scitt', 'trainees'])).toBe(outcome);
      }
      if (outcome === 'data' || outcome === 'empty') expect(res.errors).toBeUndefined();
    });

    /** TRN 1234567 trained with both SCITTs: T1 (70245) and T6 (70300). */
    const TRAINING: Record<Caller, Outcome | string[]> = {
      anonymous: 'UNAUTHENTICATED',
      staffOf70245: ['T1'],
      staffOf70300: ['T6'],
      hubStaff: [],
      analystOfA: 'FORBIDDEN',
      analystOfG: 'FORBIDDEN',
      nationalAnalyst: 'FORBIDDEN',
      admin: ['T1', 'T6'],
    };
    test.each(everyone)('Teacher.training is filtered to the caller’s SCITT, for %s', async (caller) => {
      const res = await entities(caller, `... on Teacher { trn training { id } }`, [{ __typename: 'Teacher', trn: '1234567' }]);
      const [teacher] = (res.data as { _entities: { trn: string; training: { id: string }[] | null }[] })._entities;
      expect(teacher.trn).toBe('1234567');
      const outcome = TRAINING[caller];
      if (Array.isArray(outcome)) {
        expect(res.errors).toBeUndefined();
        expect(teacher.training?.map((t) => t.id)).toEqual(outcome);
      } else {
        expect(teacher.training).toBeNull();
        expect(codeAt(res, ['_entities', 0, 'training'])).toBe(outcome);
      }
    });

    /** School 100003 hosts P4 (trainee T4 of 70245) and P6 (trainee T6 of 70300). */
    const PLACEMENTS: Record<Caller, Outcome | string[]> = { ...TRAINING, staffOf70245: ['P4'], staffOf70300: ['P6'], admin: ['P4', 'P6'] };
    test.each(everyone)('School.placements are filtered to the caller’s SCITT, for %s', async (caller) => {
      const res = await entities(caller, `... on School { urn placements { id trainee { id } } partnerScitts { id } }`, [
        { __typename: 'School', urn: '100003', regionCode: 'A' },
      ]);
      const [school] = (res.data as { _entities: { urn: string; placements: { id: string }[] | null; partnerScitts: unknown[] }[] })._entities;
      expect(school.partnerScitts).toHaveLength(2);
      const outcome = PLACEMENTS[caller];
      if (Array.isArray(outcome)) {
        expect(res.errors).toBeUndefined();
        expect(school.placements?.map((p) => p.id)).toEqual(outcome);
      } else {
        expect(school.placements).toBeNull();
        expect(codeAt(res, ['_entities', 0, 'placements'])).toBe(outcome);
      }
    });
  });

  describe('aggregates', () => {
    /** Figures of region A (SCITT 70245, LA 808, region A, a region-A school): analysts of G are out of scope. */
    const IN_A: Record<Caller, Outcome> = {
      anonymous: 'UNAUTHENTICATED',
      staffOf70245: 'data',
      staffOf70300: 'data',
      hubStaff: 'data',
      analystOfA: 'data',
      analystOfG: 'FORBIDDEN',
      nationalAnalyst: 'data',
      admin: 'data',
    };
    const FIELDS: [string, string, Record<string, unknown>, unknown][] = [
      [
        'ScittCohort counts and internal lists',
        `... on ScittCohort { traineeCount awardedCount inTrainingCount withdrawnCount deferredCount awardedTrns partnerSchoolUrns leadSchoolUrn }`,
        { __typename: 'ScittCohort', scittId: '70245', academicYear: 2023 },
        {
          traineeCount: 5,
          awardedCount: 3,
          inTrainingCount: 1,
          withdrawnCount: 1,
          deferredCount: 0,
          awardedTrns: ['1234567', '2345678'],
          partnerSchoolUrns: ['100001', '100002', '100003'],
          leadSchoolUrn: '100001',
        },
      ],
      ['School.placementCount', `... on School { placementCount }`, { __typename: 'School', urn: '100003', regionCode: 'A' }, { placementCount: 2 }],
      [
        'LocalAuthority.ittEngagement',
        `... on LocalAuthority { ittEngagement(academicYear: 2023) { schoolsHostingPlacements placements trainees } }`,
        { __typename: 'LocalAuthority', code: '808' },
        { ittEngagement: { schoolsHostingPlacements: 2, placements: 3, trainees: 2 } },
      ],
      [
        'Region.ittEngagement',
        `... on Region { ittEngagement(academicYear: 2023) { placements } }`,
        { __typename: 'Region', code: 'A' },
        { ittEngagement: { placements: 4 } },
      ],
      [
        'ColdSpotReport.ittEngagedUrns',
        `... on ColdSpotReport { ittEngagedUrns }`,
        { __typename: 'ColdSpotReport', id: 'la:808:2021:2023', fromYear: 2021, toYear: 2023, candidateUrns: ['100004', '100001'] },
        { ittEngagedUrns: ['100001'] },
      ],
    ];
    const cases = FIELDS.flatMap(([name, selection, representation, expected]) => everyone.map((caller) => [name, caller, selection, representation, expected] as const));

    test.each(cases)('%s in region A, for %s', async (_name, caller, selection, representation, expected) => {
      const res = await entities(caller, selection, [representation]);
      if (IN_A[caller] === 'data') {
        expect(res.errors).toBeUndefined();
        expect(res.data).toEqual({ _entities: [expected] });
      } else {
        // Figures are nullable: a refused figure is null, with the error on its path; internal lists that other
        // subgraphs require stay non-null, so a refusal there nulls the entity instead.
        const fields = Object.keys(expected as object);
        const nonNull = ['ittEngagedUrns', 'awardedTrns', 'partnerSchoolUrns'];
        expect(res.data).toEqual({
          _entities: [fields.some((f) => nonNull.includes(f)) ? null : Object.fromEntries(fields.map((f) => [f, null]))],
        });
        expect(res.errors?.length).toBeGreaterThan(0);
        for (const e of res.errors ?? []) expect(e.extensions?.code).toBe(IN_A[caller]);
      }
    });

    test('a regional analyst reads figures of their own region only', async () => {
      const res = await entities('analystOfG', `... on ScittCohort { traineeCount } ... on School { placementCount } ... on Region { ittEngagement(academicYear: 2024) { placements } }`, [
        { __typename: 'ScittCohort', scittId: '70300', academicYear: 2024 },
        { __typename: 'School', urn: '100003', regionCode: 'G' },
        { __typename: 'Region', code: 'G' },
        { __typename: 'ScittCohort', scittId: '70245', academicYear: 2024 },
        { __typename: 'School', urn: '100003' },
      ]);
      expect(res.data).toEqual({ _entities: [{ traineeCount: 1 }, { placementCount: 2 }, { ittEngagement: { placements: 0 } }, { traineeCount: null }, { placementCount: null }] });
      expect(res.errors?.map((e) => [e.path, e.extensions?.code]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
        [['_entities', 3, 'traineeCount'], 'FORBIDDEN'],
        [['_entities', 4, 'placementCount'], 'FORBIDDEN'],
      ]);
    });

    test('through a scitt, a refused figure is null on its own path and the rest of the response returns', async () => {
      const res = await ask('analystOfG', `{ scitt(id: "70245") { name cohort(academicYear: 2023) { traineeCount } } other: scitt(id: "70300") { cohort(academicYear: 2024) { traineeCount } } }`);
      expect(res.data).toEqual({ scitt: { name: 'Stockton-on-Tees Teacher Training Partnership', cohort: { traineeCount: null } }, other: { cohort: { traineeCount: 1 } } });
      expect(codeAt(res, ['scitt', 'cohort', 'traineeCount'])).toBe('FORBIDDEN');
    });

    test('the region of a cold-spot report comes from its scope', () => {
      expect(regionOfColdSpotReport('la:808:2021:2024')).toBe('A');
      expect(regionOfColdSpotReport('la:873:2021:2024')).toBe('G');
      expect(regionOfColdSpotReport('region:E:2021:2024')).toBe('E');
      expect(regionOfColdSpotReport('nonsense')).toBeNull();
    });
  });

  describe('audit log', () => {
    test.each([
      ['anonymous', 'UNAUTHENTICATED'],
      ['analystOfA', 'FORBIDDEN'],
      ['nationalAnalyst', 'FORBIDDEN'],
    ] as const)('is refused to %s', async (caller, code) => {
      const res = await ask(caller, `{ scittsAuditLog { id } scitts { id } }`);
      expect(res.data).toEqual({ scittsAuditLog: null, scitts: [{ id: '70245' }, { id: '70300' }] });
      expect(codeAt(res, ['scittsAuditLog'])).toBe(code);
    });

    test('administrators see the bulk loads; a SCITT’s staff do not (their records only)', async () => {
      const admin = await ask('admin', `{ scittsAuditLog(entityType: "trainees.csv") { source operation entityType organisation actorRoles after } }`);
      expect(admin.errors).toBeUndefined();
      expect(admin.data?.scittsAuditLog).toEqual([
        expect.objectContaining({ source: 'IMPORT', operation: 'import', entityType: 'trainees.csv', organisation: null, after: JSON.stringify({ rows: 7 }) }),
      ]);
      const staff = await ask('staffOf70245', `{ scittsAuditLog { id } }`);
      expect(staff).toEqual({ data: { scittsAuditLog: [] } });
    });

    test('rejects a page size out of range', async () => {
      const res = await ask('admin', `{ scittsAuditLog(first: 0) { id } }`);
      expect(codeAt(res, ['scittsAuditLog'])).toBe('BAD_USER_INPUT');
    });
  });
});
