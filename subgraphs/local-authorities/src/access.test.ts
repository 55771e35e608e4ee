import type { Identity } from '@tdg/kit/auth/identity';
import { TEST_ADMIN, type TestSubgraph, graphql, startTestSubgraph } from '../../../test/support/subgraph-harness.ts';
import { regionOfColdSpotReport } from '@tdg/kit/cold-spot-report';
import { localAuthorities } from './index.ts';
import { ANALYST_A, ANALYST_G, NATIONAL, SCITT_STAFF, STAFF_808, STAFF_873, writeTestFolder } from './test-support.ts';

/**
 * Who reads what in the local-authorities subgraph (schema/local-authorities.graphql, `@access`): the register is
 * public; support episodes and networks need a signed-in caller; cold-spot figures and a SCITT cohort's local retention
 * are aggregates (regional analysts only in their region); the audit log is for the owning LA's staff and
 * administrators. A refused field answers null with its error, and the rest of the response still returns.
 */
const ROLES: [string, Identity | null][] = [
  ['anonymous', null],
  ['staff of the LA (808)', STAFF_808],
  ['staff of another LA (873)', STAFF_873],
  ['staff of a SCITT', SCITT_STAFF],
  ['regional analyst in scope (A)', ANALYST_A],
  ['regional analyst out of scope (G)', ANALYST_G],
  ['national analyst', NATIONAL],
  ['administrator', TEST_ADMIN],
];

type Outcome = 'data' | 'FORBIDDEN' | 'UNAUTHENTICATED';

describe('local-authorities access rules', () => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startTestSubgraph(localAuthorities, writeTestFolder('la-access-'));
    // One GraphQL write per LA, so that the audit log holds entries of each.
    const network = (networkId: string, laCode: string) =>
      graphql(sg.url, 'mutation($i: CreateNetworkInput!) { createNetwork(input: $i) { id } }', { i: { networkId, laCode, name: networkId, kind: 'SENCO' } });
    expect((await network('NET-808-9', '808')).errors).toBeUndefined();
    expect((await network('NET-873-9', '873')).errors).toBeUndefined();
  });
  afterAll(() => sg?.close());

  /** Asks one field (at `path`) beside a public one, and says what came back for the field. */
  async function outcome(query: string, variables: Record<string, unknown>, identity: Identity | null, path: (string | number)[]): Promise<Outcome> {
    const res = await graphql(sg.url, query, variables, identity);
    let value: unknown = res.data;
    for (const key of path) value = (value as Record<string | number, unknown> | null)?.[key];
    const error = res.errors?.find((e) => JSON.stringify(e.path) === JSON.stringify(path));
    if (error) {
      expect(value).toBeNull();
      return error.extensions?.code as Outcome;
    }
    expect(res.errors).toBeUndefined();
    expect(value).not.toBeNull();
    return 'data';
  }

  test('the register is public: regions, LAs, schools, counts and the region code', async () => {
    for (const [, identity] of ROLES) {
      const res = await graphql(
        sg.url,
        `{ region(code: "A") { name openSchoolCount localAuthorities { code } }
           localAuthority(code: "808") { name gssCode region { code } openSchoolCount openStateFundedSchoolCount }
           school(urn: "100001") { urn name regionCode status percentageFsm localAuthority { code } region { code } }
           schools(filter: { laCode: "808" }) { totalCount nodes { urn } pageInfo { hasNextPage } }
           regions { code } }`,
        {},
        identity,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data).toMatchObject({
        region: { name: 'North East', openSchoolCount: 2, localAuthorities: [{ code: '808' }] },
        localAuthority: { name: 'Stockton-on-Tees', region: { code: 'A' }, openSchoolCount: 2 },
        school: { urn: '100001', regionCode: 'A', localAuthority: { code: '808' }, region: { code: 'A' } },
        schools: { totalCount: 2, nodes: [{ urn: '100001' }, { urn: '100002' }] },
      });
    }
  });

  test('the region code of a school is public through _entities too (other subgraphs require it)', async () => {
    const res = await graphql(sg.url, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on School { regionCode } } }', { r: [{ __typename: 'School', urn: '200001' }] }, null);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ _entities: [{ regionCode: 'G' }] });
  });

  describe.each([
    ['LocalAuthority.networks', '{ localAuthority(code: "808") { name networks { id name memberCount members { urn } } } }', ['localAuthority', 'networks']],
    ['LocalAuthority.supportEpisodes', '{ localAuthority(code: "808") { name supportEpisodes { id supportedSchool { urn } } } }', ['localAuthority', 'supportEpisodes']],
    ['LocalAuthority.schoolsReceivingSupport', '{ localAuthority(code: "808") { name schoolsReceivingSupport(academicYear: 2022) { urn } } }', ['localAuthority', 'schoolsReceivingSupport']],
    ['Region.schoolsReceivingSupport', '{ region(code: "A") { name schoolsReceivingSupport(academicYear: 2022) { urn } } }', ['region', 'schoolsReceivingSupport']],
    ['School.supportReceived', '{ school(urn: "100002") { name supportReceived { id category } } }', ['school', 'supportReceived']],
    ['School.supportGiven', '{ school(urn: "100001") { name supportGiven { id } } }', ['school', 'supportGiven']],
    ['School.networks', '{ school(urn: "100001") { name networks { id } } }', ['school', 'networks']],
  ] as const)('%s: any signed-in caller (non-personal LA records)', (_, query, path) => {
    test.each(ROLES)('%s', async (role, identity) => {
      expect(await outcome(query, {}, identity, [...path])).toBe(role === 'anonymous' ? 'UNAUTHENTICATED' : 'data');
    });
  });

  test('a refused field leaves the rest of the response', async () => {
    const res = await graphql<{ localAuthority: { name: string; networks: unknown } }>(sg.url, '{ localAuthority(code: "808") { name networks { id } } }', {}, null);
    expect(res.data).toEqual({ localAuthority: { name: 'Stockton-on-Tees', networks: null } });
    expect(res.errors).toEqual([expect.objectContaining({ path: ['localAuthority', 'networks'], extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    expect(res.errors?.[0].message).toMatch(/Sign in/);
  });

  /** An aggregate of region A: analysts of A, national analysts, staff and administrators. */
  const aggregateOfA = (role: string): Outcome =>
    role === 'anonymous' ? 'UNAUTHENTICATED' : role === 'regional analyst out of scope (G)' ? 'FORBIDDEN' : 'data';

  describe.each([
    ['candidateCount of an LA', '{ localAuthority(code: "808") { name coldSpots(fromYear: 2021, toYear: 2024) { id candidateCount } } }', ['localAuthority', 'coldSpots', 'candidateCount']],
    ['candidateCount of a region', '{ region(code: "A") { name coldSpots(fromYear: 2021, toYear: 2024) { id candidateCount } } }', ['region', 'coldSpots', 'candidateCount']],
    [
      'coldSpotCount (as the gateway asks it)',
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on ColdSpotReport { id coldSpotCount } } }',
      ['_entities', 0, 'coldSpotCount'],
    ],
    ['cold-spot schools', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on ColdSpotReport { id schools { urn } } } }', ['_entities', 0, 'schools']],
    [
      'a SCITT cohort’s local retention',
      'query($c: [_Any!]!) { _entities(representations: $c) { ... on ScittCohort { scittId localRetention { inSameLocalAuthority inSameRegion } } } }',
      ['_entities', 0, 'localRetention'],
    ],
  ] as const)('%s in region A: an aggregate', (_, query, path) => {
    const variables = {
      r: [{ __typename: 'ColdSpotReport', id: 'la:808:2021:2024', ittEngagedUrns: ['100002'], tshEngagedUrns: [], curriculumEngagedUrns: [] }],
      c: [{ __typename: 'ScittCohort', scittId: '70245', academicYear: 2022, inductionSchoolUrns: ['100001', '200001'], partnerSchoolUrns: [], leadSchoolUrn: '100002', regionCode: 'A' }],
    };
    test.each(ROLES)('%s', async (role, identity) => {
      expect(await outcome(query, variables, identity, [...path])).toBe(aggregateOfA(role));
    });
  });

  test('aggregates give the figures, and region G is out of scope for an analyst of A', async () => {
    const report = (id: string) => ({ __typename: 'ColdSpotReport', id, ittEngagedUrns: ['100002'], tshEngagedUrns: [], curriculumEngagedUrns: [] });
    const q = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on ColdSpotReport { id candidateCount coldSpotCount schools { urn } } } }';
    const res = await graphql(sg.url, q, { r: [report('la:808:2021:2024'), report('region:G:2021:2024')] }, ANALYST_A);
    expect(res.data).toEqual({
      _entities: [
        { id: 'la:808:2021:2024', candidateCount: 2, coldSpotCount: 1, schools: [{ urn: '100001' }] },
        { id: 'region:G:2021:2024', candidateCount: null, coldSpotCount: null, schools: null },
      ],
    });
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', 1, 'candidateCount'], 'FORBIDDEN'],
      [['_entities', 1, 'coldSpotCount'], 'FORBIDDEN'],
      [['_entities', 1, 'schools'], 'FORBIDDEN'],
    ]);
    expect(res.errors?.[0].message).toMatch(/outside your region scope/);

    const cohort = { __typename: 'ScittCohort', scittId: '1', academicYear: 2022, inductionSchoolUrns: ['200001'], partnerSchoolUrns: [], leadSchoolUrn: '200001', regionCode: 'G' };
    const q2 = 'query($c: [_Any!]!) { _entities(representations: $c) { ... on ScittCohort { scittId localRetention { inSameLocalAuthority } } } }';
    expect((await graphql(sg.url, q2, { c: [cohort] }, ANALYST_G)).data).toEqual({ _entities: [{ scittId: '1', localRetention: { inSameLocalAuthority: 1 } }] });
    const refused = await graphql(sg.url, q2, { c: [cohort] }, ANALYST_A);
    expect(refused.data).toEqual({ _entities: [{ scittId: '1', localRetention: null }] });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  test('region of a cold-spot report, from its id', () => {
    expect(regionOfColdSpotReport('la:808:2021:2024')).toBe('A');
    expect(regionOfColdSpotReport('la:873:2021:2024')).toBe('G');
    expect(regionOfColdSpotReport('region:E:2021:2024')).toBe('E');
    expect(regionOfColdSpotReport('la:000:2021:2024')).toBeNull();
    expect(regionOfColdSpotReport('nonsense')).toBeNull();
  });

  describe('localAuthoritiesAuditLog: the owning LA’s staff (their own entries only) and administrators', () => {
    const LOG = '{ localAuthoritiesAuditLog(first: 500) { organisation operation } regions { code } }';
    test.each(ROLES)('%s', async (role, identity) => {
      const res = await graphql<{ localAuthoritiesAuditLog: { organisation: string | null }[] | null; regions: unknown[] }>(sg.url, LOG, {}, identity);
      expect(res.data?.regions).toHaveLength(2);
      const log = res.data?.localAuthoritiesAuditLog;
      const organisations = log ? [...new Set(log.map((e) => e.organisation))].sort() : null;
      const expected: Record<string, unknown> = {
        anonymous: 'UNAUTHENTICATED',
        'staff of the LA (808)': ['la:808'],
        'staff of another LA (873)': ['la:873'],
        'staff of a SCITT': [],
        'regional analyst in scope (A)': 'FORBIDDEN',
        'regional analyst out of scope (G)': 'FORBIDDEN',
        'national analyst': 'FORBIDDEN',
        administrator: ['la:808', 'la:873', null],
      };
      if (typeof expected[role] === 'string') {
        expect(log).toBeNull();
        expect(res.errors?.[0].extensions?.code).toBe(expected[role]);
      } else {
        expect(res.errors).toBeUndefined();
        expect(organisations).toEqual(expected[role]);
      }
    });
  });

  test('mutations need a signed-in caller before anything else', async () => {
    const res = await graphql(sg.url, 'mutation { setSchoolStatus(urn: "100001", status: CLOSED) { urn } }', {}, null);
    expect(res.data).toEqual({ setSchoolStatus: null });
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
