import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestSubgraph, graphql, startTestSubgraph } from '../../../test/support/subgraph-harness.ts';
import { localAuthorities } from './index.ts';

/** The subgraph on its own, without a gateway: `_entities` resolves every entity it owns or extends. */
describe('local-authorities subgraph _entities', () => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'la-entities-'));
    writeFileSync(join(folder, 'local-authorities.csv'), 'la_code,gss_code,name,region_code,region_name\n808,E06000004,Stockton-on-Tees,A,North East\n');
    writeFileSync(
      join(folder, 'schools.csv'),
      'urn,name,la_code,phase,type_group,status,percentage_fsm\n100001,Alpha Primary,808,PRIMARY,ACADEMY,OPEN,30.5\n100002,Beta Secondary,808,SECONDARY,LA_MAINTAINED,CLOSED,12\n',
    );
    sg = await startTestSubgraph(localAuthorities, folder);
  });
  afterAll(() => sg?.close());

  test('resolves School, LocalAuthority and Region references, null for unknown keys', async () => {
    const res = await graphql<{ _entities: unknown[] }>(
      sg.url,
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on School { urn name stateFunded localAuthority { code } }
        ... on LocalAuthority { code name openSchoolCount }
        ... on Region { code name }
      } }`,
      {
        r: [
          { __typename: 'School', urn: '100001' },
          { __typename: 'School', urn: '999999' },
          { __typename: 'LocalAuthority', code: '808' },
          { __typename: 'Region', code: 'A' },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([
      { urn: '100001', name: 'Alpha Primary', stateFunded: true, localAuthority: { code: '808' } },
      null,
      { code: '808', name: 'Stockton-on-Tees', openSchoolCount: 1 },
      { code: 'A', name: 'North East' },
    ]);
  });

  test('resolves a cold-spot report with the engaged lists handed in', async () => {
    const res = await graphql<{ _entities: { coldSpotCount: number; schools: { urn: string }[] }[] }>(
      sg.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on ColdSpotReport { coldSpotCount schools { urn } } } }`,
      { r: [{ __typename: 'ColdSpotReport', id: 'la:808:2021:2024', ittEngagedUrns: [], tshEngagedUrns: [], curriculumEngagedUrns: [] }] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]).toEqual({ coldSpotCount: 1, schools: [{ urn: '100001' }] });
  });
});
