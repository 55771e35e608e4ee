import type { Identity } from '@tdg/kit/auth/identity';
import { type TestSubgraph, graphql, startTestSubgraph } from '../../../test/support/subgraph-harness.ts';
import { regionOfColdSpotReport } from '@tdg/kit/cold-spot-report';
import { teachingSchoolHubs } from './index.ts';
import { WHO, fixtureFolder } from './testing/fixture.ts';

/**
 * The access rules of schema/teaching-school-hubs.graphql for every kind of caller: public hub details for anyone;
 * personal records (inductions, NPQ enrolments, the teacher lookup) for the owning hub's staff (lists filtered to
 * them) and administrators; figures for analysts within their region scope, staff and administrators.
 */
describe('teaching-school-hubs access rules', () => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startTestSubgraph(teachingSchoolHubs, fixtureFolder());
  });
  afterAll(() => sg?.close());

  /** Data, and the error code at each refused path (`a.b.0.c`). */
  const ask = async (query: string, who: Identity | null, variables: Record<string, unknown> = {}) => {
    const res = await graphql(sg.url, query, variables, who);
    const codes = Object.fromEntries((res.errors ?? []).map((e) => [(e.path ?? []).join('.'), e.extensions?.code]));
    return { data: res.data, codes };
  };
  const entities = (selection: string, representations: Record<string, unknown>[], who: Identity | null) =>
    ask(`query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, who, { r: representations });

  const EVERYONE = Object.entries(WHO) as [string, Identity | null][];

  describe('public: hub details and the hubs of LAs and regions', () => {
    const HUB = `{
      teachingSchoolHub(id: "EE3") { id name leadSchool { urn } region { code } localAuthorities { code } partnerships { partnerKind partnerId scitt { id } hub { id } } }
      teachingSchoolHubs(regionCode: "G") { id }
    }`;
    test.each(EVERYONE)('%s reads them', async (_, who) => {
      expect(await ask(HUB, who)).toEqual({
        data: {
          teachingSchoolHub: {
            id: 'EE3',
            name: 'Cambridgeshire and Peterborough Teaching School Hub',
            leadSchool: { urn: '110001' },
            region: { code: 'G' },
            localAuthorities: [{ code: '873' }, { code: '874' }],
            partnerships: [{ partnerKind: 'SCITT', partnerId: '70245', scitt: { id: '70245' }, hub: { id: 'EE3' } }],
          },
          teachingSchoolHubs: [{ id: 'EE2' }, { id: 'EE3' }],
        },
        codes: {},
      });
      expect(
        await entities('... on LocalAuthority { code teachingSchoolHubs { id } } ... on Region { code teachingSchoolHubs { id } }', [
          { __typename: 'LocalAuthority', code: '873' },
          { __typename: 'Region', code: 'A' },
        ], who),
      ).toEqual({ data: { _entities: [{ code: '873', teachingSchoolHubs: [{ id: 'EE3' }] }, { code: 'A', teachingSchoolHubs: [{ id: 'NE1' }] }] }, codes: {} });
    });
  });

  describe('personal: a hub’s inductions and enrolments', () => {
    const LISTS = `{
      ee3: teachingSchoolHub(id: "EE3") { id ectInductions { id } npqEnrolments { id } }
      ee2: teachingSchoolHub(id: "EE2") { id ectInductions { id } npqEnrolments { id } }
    }`;
    const lists = (ee3: [string[], string[]] | null, ee2: [string[], string[]] | null) => ({
      ee3: { id: 'EE3', ectInductions: ee3 ? ee3[0].map((id) => ({ id })) : null, npqEnrolments: ee3 ? ee3[1].map((id) => ({ id })) : null },
      ee2: { id: 'EE2', ectInductions: ee2 ? ee2[0].map((id) => ({ id })) : null, npqEnrolments: ee2 ? ee2[1].map((id) => ({ id })) : null },
    });
    const refusedAll = (code: string) => ({ 'ee3.ectInductions': code, 'ee3.npqEnrolments': code, 'ee2.ectInductions': code, 'ee2.npqEnrolments': code });

    test('the owning hub’s staff read their own; another hub’s list is empty to them', async () => {
      expect(await ask(LISTS, WHO.ee3Staff)).toEqual({ data: lists([['I1', 'I3'], ['N1']], [[], []]), codes: {} });
      expect(await ask(LISTS, WHO.ee2Staff)).toEqual({ data: lists([[], []], [['I2'], ['N2']]), codes: {} });
      expect(await ask(LISTS, WHO.scittStaff)).toEqual({ data: lists([[], []], [[], []]), codes: {} });
    });
    test('administrators read all', async () => {
      expect(await ask(LISTS, WHO.admin)).toEqual({ data: lists([['I1', 'I3'], ['N1']], [['I2'], ['N2']]), codes: {} });
    });
    test('analysts get null and FORBIDDEN on each list, anonymous callers UNAUTHENTICATED; the rest returns', async () => {
      expect(await ask(LISTS, WHO.analystG)).toEqual({ data: lists(null, null), codes: refusedAll('FORBIDDEN') });
      expect(await ask(LISTS, WHO.national)).toEqual({ data: lists(null, null), codes: refusedAll('FORBIDDEN') });
      expect(await ask(LISTS, WHO.anonymous)).toEqual({ data: lists(null, null), codes: refusedAll('UNAUTHENTICATED') });
    });
  });

  describe('personal: a teacher by TRN', () => {
    const TEACHER = `{
      ect: teacher(trn: "1000003") { trn inductions { id appropriateBody { id } } npqEnrolments { id } mentoring { id } }
      mentor: teacher(trn: "2000001") { trn inductions { id } npqEnrolments { id } mentoring { id teacher { trn } } }
    }`;
    const ids = (list: string[]) => list.map((id) => ({ id }));

    test('any organisation’s staff may look a TRN up; its lists hold only their own hub’s records', async () => {
      expect(await ask(TEACHER, WHO.ee3Staff)).toEqual({
        data: {
          ect: { trn: '1000003', inductions: [{ id: 'I3', appropriateBody: { id: 'EE3' } }], npqEnrolments: [], mentoring: [] },
          mentor: { trn: '2000001', inductions: [], npqEnrolments: ids(['N1']), mentoring: [{ id: 'I1', teacher: { trn: '1000001' } }] },
        },
        codes: {},
      });
      expect(await ask(TEACHER, WHO.ee2Staff)).toEqual({
        data: {
          ect: { trn: '1000003', inductions: [{ id: 'I2', appropriateBody: { id: 'EE2' } }], npqEnrolments: [], mentoring: [] },
          mentor: { trn: '2000001', inductions: [], npqEnrolments: ids(['N2']), mentoring: [{ id: 'I2', teacher: { trn: '1000003' } }] },
        },
        codes: {},
      });
      expect(await ask(TEACHER, WHO.scittStaff)).toEqual({
        data: {
          ect: { trn: '1000003', inductions: [], npqEnrolments: [], mentoring: [] },
          mentor: { trn: '2000001', inductions: [], npqEnrolments: [], mentoring: [] },
        },
        codes: {},
      });
    });
    test('administrators read every record', async () => {
      const { data, codes } = await ask(TEACHER, WHO.admin);
      expect(codes).toEqual({});
      expect(data).toMatchObject({
        ect: { inductions: [{ id: 'I2' }, { id: 'I3' }] },
        mentor: { npqEnrolments: ids(['N1', 'N2']), mentoring: [{ id: 'I2' }, { id: 'I1' }] }, // by start
      });
    });
    test('analysts get null and FORBIDDEN, anonymous callers UNAUTHENTICATED', async () => {
      for (const [who, code] of [
        [WHO.analystG, 'FORBIDDEN'],
        [WHO.national, 'FORBIDDEN'],
        [WHO.anonymous, 'UNAUTHENTICATED'],
      ] as const) {
        expect(await ask(TEACHER, who)).toEqual({ data: { ect: null, mentor: null }, codes: { ect: code, mentor: code } });
      }
    });
    test('a Teacher reached through the gateway (_entities) filters the same way', async () => {
      const rep = [{ __typename: 'Teacher', trn: '1000003' }];
      expect(await entities('... on Teacher { trn inductions { id } }', rep, WHO.ee2Staff)).toEqual({
        data: { _entities: [{ trn: '1000003', inductions: [{ id: 'I2' }] }] },
        codes: {},
      });
      expect(await entities('... on Teacher { trn inductions { id } }', rep, WHO.national)).toEqual({
        data: { _entities: [{ trn: '1000003', inductions: null }] },
        codes: { '_entities.0.inductions': 'FORBIDDEN' },
      });
    });
  });

  describe('a school’s records (personal) and figures (aggregate, in the school’s region handed in by the gateway)', () => {
    const SCHOOLS = [
      { __typename: 'School', urn: '100001', regionCode: 'G' },
      { __typename: 'School', urn: '100005', regionCode: 'A' },
    ];
    const SELECTION = '... on School { urn ectInductions { id } npqEnrolments { id } ectCount npqCount }';
    const school = (urn: string, lists: [string[], string[]] | null, counts: [number, number] | null) => ({
      urn,
      ectInductions: lists ? lists[0].map((id) => ({ id })) : null,
      npqEnrolments: lists ? lists[1].map((id) => ({ id })) : null,
      ectCount: counts ? counts[0] : null,
      npqCount: counts ? counts[1] : null,
    });
    const refused = (i: number, fields: string[], code: string) => Object.fromEntries(fields.map((f) => [`_entities.${i}.${f}`, code]));
    const LISTS = ['ectInductions', 'npqEnrolments'];
    const COUNTS = ['ectCount', 'npqCount'];

    test('staff: their own hub’s records, every figure', async () => {
      expect(await entities(SELECTION, SCHOOLS, WHO.ee3Staff)).toEqual({
        data: { _entities: [school('100001', [['I1'], ['N1']], [2, 2]), school('100005', [[], []], [1, 1])] },
        codes: {},
      });
    });
    test('regional analysts: figures of their region only, never records', async () => {
      expect(await entities(SELECTION, SCHOOLS, WHO.analystG)).toEqual({
        data: { _entities: [school('100001', null, [2, 2]), school('100005', null, null)] },
        codes: { ...refused(0, LISTS, 'FORBIDDEN'), ...refused(1, [...LISTS, ...COUNTS], 'FORBIDDEN') },
      });
      expect(await entities(SELECTION, SCHOOLS, WHO.analystA)).toEqual({
        data: { _entities: [school('100001', null, null), school('100005', null, [1, 1])] },
        codes: { ...refused(0, [...LISTS, ...COUNTS], 'FORBIDDEN'), ...refused(1, LISTS, 'FORBIDDEN') },
      });
    });
    test('national analysts: every figure, never records; administrators: everything; anonymous: nothing but the URN', async () => {
      expect(await entities(SELECTION, SCHOOLS, WHO.national)).toEqual({
        data: { _entities: [school('100001', null, [2, 2]), school('100005', null, [1, 1])] },
        codes: { ...refused(0, LISTS, 'FORBIDDEN'), ...refused(1, LISTS, 'FORBIDDEN') },
      });
      expect(await entities(SELECTION, SCHOOLS, WHO.admin)).toEqual({
        data: { _entities: [school('100001', [['I2', 'I1'], ['N1', 'N2']], [2, 2]), school('100005', [['I4'], ['N3']], [1, 1])] },
        codes: {},
      });
      expect(await entities(SELECTION, SCHOOLS, WHO.anonymous)).toEqual({
        data: { _entities: [school('100001', null, null), school('100005', null, null)] },
        codes: { ...refused(0, [...LISTS, ...COUNTS], 'UNAUTHENTICATED'), ...refused(1, [...LISTS, ...COUNTS], 'UNAUTHENTICATED') },
      });
    });
  });

  describe('aggregate: hub counts in the hub’s region', () => {
    const COUNTS = '{ teachingSchoolHubs { id ectInductionCount npqEnrolmentCount } }';
    const hubs = (visible: (id: string) => boolean) => ({
      teachingSchoolHubs: [
        { id: 'EE2', ectInductionCount: 1, npqEnrolmentCount: 1 },
        { id: 'EE3', ectInductionCount: 2, npqEnrolmentCount: 1 },
        { id: 'NE1', ectInductionCount: 1, npqEnrolmentCount: 1 },
      ].map((h) => (visible(h.id) ? h : { id: h.id, ectInductionCount: null, npqEnrolmentCount: null })),
    });
    const refusedAt = (indexes: number[], code: string) =>
      Object.fromEntries(indexes.flatMap((i) => [`teachingSchoolHubs.${i}.ectInductionCount`, `teachingSchoolHubs.${i}.npqEnrolmentCount`].map((p) => [p, code])));

    test('staff, national analysts and administrators read every hub’s counts', async () => {
      for (const who of [WHO.ee3Staff, WHO.scittStaff, WHO.national, WHO.admin]) expect(await ask(COUNTS, who)).toEqual({ data: hubs(() => true), codes: {} });
    });
    test('a regional analyst reads the counts of their region’s hubs; the others are null with FORBIDDEN, the list still returns', async () => {
      expect(await ask(COUNTS, WHO.analystG)).toEqual({ data: hubs((id) => id !== 'NE1'), codes: refusedAt([2], 'FORBIDDEN') });
      expect(await ask(COUNTS, WHO.analystA)).toEqual({ data: hubs((id) => id === 'NE1'), codes: refusedAt([0, 1], 'FORBIDDEN') });
    });
    test('anonymous callers read the hubs, not their counts', async () => {
      expect(await ask(COUNTS, WHO.anonymous)).toEqual({ data: hubs(() => false), codes: refusedAt([0, 1, 2], 'UNAUTHENTICATED') });
    });
  });

  describe('aggregate: LA and region figures, SCITT cohorts and cold-spot engagement in their region', () => {
    const REPRESENTATIONS = [
      { __typename: 'LocalAuthority', code: '873' },
      { __typename: 'LocalAuthority', code: '808' },
      { __typename: 'Region', code: 'G' },
      { __typename: 'Region', code: 'A' },
      { __typename: 'ScittCohort', scittId: '70245', academicYear: 2023, awardedTrns: ['1000003'], regionCode: 'G' },
      { __typename: 'ScittCohort', scittId: '10001', academicYear: 2023, awardedTrns: ['1000005'], regionCode: 'A' },
      { __typename: 'ColdSpotReport', id: 'la:873:2023:2024', fromYear: 2023, toYear: 2024, candidateUrns: ['100001', '100002', '100009'] },
      { __typename: 'ColdSpotReport', id: 'region:A:2024:2024', fromYear: 2024, toYear: 2024, candidateUrns: ['100005'] },
    ];
    const SELECTION = `
      ... on LocalAuthority { code inductionEngagement(academicYear: 2024) { schoolsWithEcts ects } npqEngagement(cohort: 2024) { enrolments } }
      ... on Region { code inductionEngagement(academicYear: 2024) { schoolsWithEcts ects } npqEngagement(cohort: 2024) { enrolments } }
      ... on ScittCohort { scittId startedInductionCount inductionSchoolUrns }
      ... on ColdSpotReport { id tshEngagedUrns }`;
    const FIGURES = [
      { code: '873', inductionEngagement: { schoolsWithEcts: 2, ects: 2 }, npqEngagement: { enrolments: 1 } },
      { code: '808', inductionEngagement: { schoolsWithEcts: 1, ects: 1 }, npqEngagement: { enrolments: 1 } },
      { code: 'G', inductionEngagement: { schoolsWithEcts: 2, ects: 2 }, npqEngagement: { enrolments: 1 } },
      { code: 'A', inductionEngagement: { schoolsWithEcts: 1, ects: 1 }, npqEngagement: { enrolments: 1 } },
      { scittId: '70245', startedInductionCount: 1, inductionSchoolUrns: ['100001'] },
      { scittId: '10001', startedInductionCount: 1, inductionSchoolUrns: ['100005'] },
      { id: 'la:873:2023:2024', tshEngagedUrns: ['100001', '100002'] },
      { id: 'region:A:2024:2024', tshEngagedUrns: ['100005'] },
    ];
    /**
     * The figures with those of the refused representations nulled, and the code at each refused path. The internal
     * lists other subgraphs require (`inductionSchoolUrns`, `tshEngagedUrns`) stay non-null, so that a refusal never
     * reaches the requiring subgraph as an empty list: their refusal nulls the whole entity.
     */
    const expected = (refusedIndexes: number[], code: string) => {
      const codes: Record<string, string> = {};
      const data = FIGURES.map((f, i) => {
        if (!refusedIndexes.includes(i)) return f;
        const keyField = Object.keys(f)[0];
        if ('inductionSchoolUrns' in f || 'tshEngagedUrns' in f) {
          codes[`_entities.${i}.${'tshEngagedUrns' in f ? 'tshEngagedUrns' : 'inductionSchoolUrns'}`] = code;
          if ('startedInductionCount' in f) codes[`_entities.${i}.startedInductionCount`] = code;
          return null;
        }
        return Object.fromEntries(
          Object.entries(f).map(([k, v]) => {
            if (k === keyField) return [k, v];
            codes[`_entities.${i}.${k}`] = code;
            return [k, null];
          }),
        );
      });
      return { data, codes };
    };
    const check = async (who: Identity | null, refusedIndexes: number[], code = 'FORBIDDEN') => {
      const { data, codes } = expected(refusedIndexes, code);
      expect(await entities(SELECTION, REPRESENTATIONS, who)).toEqual({ data: { _entities: data }, codes });
    };

    test('staff, national analysts and administrators read them all', async () => {
      await check(WHO.ee2Staff, []);
      await check(WHO.national, []);
      await check(WHO.admin, []);
    });
    test('a regional analyst reads those of their region only', async () => {
      await check(WHO.analystG, [1, 3, 5, 7]);
      await check(WHO.analystA, [0, 2, 4, 6]);
    });
    test('anonymous callers read none', () => check(WHO.anonymous, [0, 1, 2, 3, 4, 5, 6, 7], 'UNAUTHENTICATED'));
    test('a cold-spot report’s region comes from its id', () => {
      expect(['la:808:2021:2024', 'la:873:2021:2024', 'region:E:2021:2024', 'la:999:2021:2024', 'x'].map(regionOfColdSpotReport)).toEqual(['A', 'G', 'E', null, null]);
    });
  });
});
