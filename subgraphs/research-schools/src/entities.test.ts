import { TEST_ADMIN, type TestSubgraph, graphql, startTestSubgraph } from '../../../test/support/subgraph-harness.ts';
import researchSchools from './index.ts';

/** The subgraph on its own, without a gateway: `_entities` resolves every entity it owns or extends. */
describe('research-schools subgraph _entities', () => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startTestSubgraph(researchSchools, new URL('../sample-data', import.meta.url).pathname);
  });
  afterAll(() => sg?.close());

  test('resolves ResearchSchool and ResearchProgramme references, null for an unknown id', async () => {
    const res = await graphql<{ _entities: unknown[] }>(
      sg.url,
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on ResearchSchool { id name designation regionCode leadSchool { urn } localAuthority { code } programmes(academicYear: 2024) { id } }
        ... on ResearchProgramme { id title theme academicYear researchSchool { id } schoolCount teacherCount participations { school { urn } teachers } }
      } }`,
      {
        r: [
          { __typename: 'ResearchSchool', id: 'RS-1' },
          { __typename: 'ResearchSchool', id: 'NOPE' },
          { __typename: 'ResearchProgramme', id: 'RP-1' },
          { __typename: 'ResearchProgramme', id: 'NOPE' },
        ],
      },
      TEST_ADMIN,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      {
        id: 'RS-1',
        name: 'Tees Valley Research School',
        designation: 'RESEARCH_SCHOOL',
        regionCode: 'A',
        leadSchool: { urn: '100000' },
        localAuthority: { code: '808' },
        programmes: [{ id: 'RP-1' }],
      },
      null,
      {
        id: 'RP-1',
        title: 'Metacognition and self-regulated learning',
        theme: 'METACOGNITION',
        academicYear: 2024,
        researchSchool: { id: 'RS-1' },
        schoolCount: 2,
        teacherCount: 4,
        participations: [
          { school: { urn: '100000' }, teachers: 3 },
          { school: { urn: '100001' }, teachers: 1 },
        ],
      },
      null,
    ]);
  });

  test('contributes participation to School and engagement to LocalAuthority and Region (over the schools of its school_area lookup)', async () => {
    const res = await graphql<{ _entities: unknown[] }>(
      sg.url,
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on School { urn all: researchParticipations { programme { id academicYear } teachers } y2024: researchProgrammeCount(academicYear: 2024) total: researchProgrammeCount }
        ... on LocalAuthority { code researchEngagement(academicYear: 2024) { schoolsParticipating participations teachers } }
        ... on Region { code researchEngagement(academicYear: 2023) { schoolsParticipating participations teachers } }
      } }`,
      {
        r: [
          { __typename: 'School', urn: '100000', regionCode: 'A' },
          { __typename: 'School', urn: '999999', regionCode: 'A' },
          { __typename: 'LocalAuthority', code: '808' },
          { __typename: 'LocalAuthority', code: '201' },
          { __typename: 'Region', code: 'A' },
        ],
      },
      TEST_ADMIN,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      {
        urn: '100000',
        all: [
          { programme: { id: 'RP-2', academicYear: 2023 }, teachers: 2 },
          { programme: { id: 'RP-1', academicYear: 2024 }, teachers: 3 },
        ],
        y2024: 1,
        total: 2,
      },
      { urn: '999999', all: [], y2024: 0, total: 0 },
      { code: '808', researchEngagement: { schoolsParticipating: 3, participations: 3, teachers: 8 } },
      { code: '201', researchEngagement: { schoolsParticipating: 0, participations: 0, teachers: 0 } },
      { code: 'A', researchEngagement: { schoolsParticipating: 1, participations: 1, teachers: 2 } },
    ]);
  });

  test('area figures need only the code: a region and its LA in one request, an area with no school of the lookup is zero', async () => {
    const res = await graphql<{ _entities: unknown[] }>(
      sg.url,
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on LocalAuthority { code researchEngagement(academicYear: 2024) { schoolsParticipating participations teachers } }
        ... on Region { code researchEngagement(academicYear: 2024) { schoolsParticipating participations teachers } }
      } }`,
      {
        r: [
          { __typename: 'Region', code: 'A' },
          { __typename: 'LocalAuthority', code: '808' },
          { __typename: 'LocalAuthority', code: '873' },
          { __typename: 'Region', code: 'K' },
        ],
      },
      TEST_ADMIN,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      { code: 'A', researchEngagement: { schoolsParticipating: 3, participations: 3, teachers: 8 } },
      { code: '808', researchEngagement: { schoolsParticipating: 3, participations: 3, teachers: 8 } },
      { code: '873', researchEngagement: { schoolsParticipating: 0, participations: 0, teachers: 0 } },
      { code: 'K', researchEngagement: { schoolsParticipating: 0, participations: 0, teachers: 0 } },
    ]);
  });

  test('contributes to School and LocalAuthority: any key resolves, empty when nothing is held', async () => {
    const res = await graphql<{ _entities: unknown[] }>(
      sg.url,
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on School { urn researchSchools { id } }
        ... on LocalAuthority { code researchSchools { id } }
      } }`,
      {
        r: [
          { __typename: 'School', urn: '100000' },
          { __typename: 'School', urn: '999999' },
          { __typename: 'LocalAuthority', code: '873' },
          { __typename: 'LocalAuthority', code: '201' },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      { urn: '100000', researchSchools: [{ id: 'RS-1' }] },
      { urn: '999999', researchSchools: [] },
      { code: '873', researchSchools: [{ id: 'RS-2' }] },
      { code: '201', researchSchools: [] },
    ]);
  });

  test('a page larger than the cap is refused with BAD_USER_INPUT', async () => {
    const res = await graphql(sg.url, '{ researchSchools(first: 501) { id } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
