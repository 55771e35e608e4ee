import { TEST_ADMIN, type TestSubgraph, graphql, startTestSubgraph } from '../../../test/support/subgraph-harness.ts';
import researchSchools from './index.ts';

/** The subgraph on its own, without a gateway: `_entities` resolves every entity it owns or extends. */
describe('research-schools subgraph _entities', () => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startTestSubgraph(researchSchools, new URL('../sample-data', import.meta.url).pathname);
  });
  afterAll(() => sg?.close());

  test('resolves ResearchSchool references, null for an unknown id', async () => {
    const res = await graphql<{ _entities: unknown[] }>(
      sg.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on ResearchSchool { id name leadSchool { urn } localAuthority { code } } } }`,
      { r: [{ __typename: 'ResearchSchool', id: 'RS-1' }, { __typename: 'ResearchSchool', id: 'NOPE' }] },
      TEST_ADMIN,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      { id: 'RS-1', name: 'Example Research schools one', leadSchool: { urn: '100000' }, localAuthority: { code: '808' } },
      null,
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
