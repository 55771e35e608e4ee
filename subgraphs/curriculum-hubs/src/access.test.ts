import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Identity } from '@tdg/kit/auth/identity';
import { TEST_ADMIN, type TestSubgraph, graphql, startTestSubgraph } from '../../../test/support/subgraph-harness.ts';
import { curriculumHubs } from './index.ts';

/**
 * Who reads what (schema/curriculum-hubs.graphql, `@access`): hubs and programmes are public; participations need a
 * signed-in identity; counts and engagement figures are aggregates (analysts in their region scope); the audit log is
 * for a hub's staff (their own entries) and administrators. MH01 covers LAs 805 and 808 (region A), SLP01 LA 855 (E).
 */
const ANONYMOUS = null;
const MH01_STAFF: Identity = { subject: 'staff-mh01', organisation: 'hub:MH01', roles: ['ORG_STAFF'], regionScope: null };
const SLP01_STAFF: Identity = { subject: 'staff-slp01', organisation: 'hub:SLP01', roles: ['ORG_STAFF'], regionScope: null };
const SCITT_STAFF: Identity = { subject: 'staff-scitt', organisation: 'scitt:70245', roles: ['ORG_STAFF'], regionScope: null };
const ANALYST_A: Identity = { subject: 'analyst-a', organisation: null, roles: ['REGIONAL_ANALYST'], regionScope: 'A' };
const ANALYST_E: Identity = { subject: 'analyst-e', organisation: null, roles: ['REGIONAL_ANALYST'], regionScope: 'E' };
const NATIONAL: Identity = { subject: 'analyst', organisation: null, roles: ['NATIONAL_ANALYST'], regionScope: null };

const EVERYONE: [string, Identity | null][] = [
  ['anonymous', ANONYMOUS],
  ['staff of the hub', MH01_STAFF],
  ['staff of another hub', SLP01_STAFF],
  ['staff of a SCITT', SCITT_STAFF],
  ['regional analyst (A)', ANALYST_A],
  ['regional analyst (E)', ANALYST_E],
  ['national analyst', NATIONAL],
  ['administrator', TEST_ADMIN],
];
const SIGNED_IN = EVERYONE.filter(([, identity]) => identity !== null);

type Errors = { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] | undefined;
const codesByPath = (errors: Errors) => (errors ?? []).map((e) => [(e.path ?? []).join('.'), e.extensions?.code]);

describe('curriculum-hubs access rules', () => {
  let sg: TestSubgraph;
  const ask = <T = Record<string, unknown>>(query: string, identity: Identity | null, variables: Record<string, unknown> = {}) =>
    graphql<T>(sg.url, query, variables, identity);

  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ch-access-'));
    writeFileSync(
      join(folder, 'curriculum-hubs.csv'),
      'hub_id,name,kind,lead_school_urn,la_codes\nMH01,North East Maths Hub,MATHS,100001,808;805\nSLP01,STELLAR,SCIENCE,100003,855\n',
    );
    writeFileSync(
      join(folder, 'programmes.csv'),
      'programme_id,hub_id,title,academic_year,workgroup_phase\nP1,MH01,Teaching for Mastery,2024,DEVELOPMENT\nP3,SLP01,Subject leadership,2024,\n',
    );
    writeFileSync(join(folder, 'participations.csv'), 'programme_id,urn,teachers\nP1,100001,3\nP1,100002,1\nP3,100003,2\n');
    // the URN → LA lookup: 100001 and 100002 in 808, 100005 in 805 (both region A), 100003 in 855 (region E); 100006 in none
    writeFileSync(join(folder, 'school-areas.csv'), 'urn,la_code\n100001,808\n100002,808\n100005,805\n100003,855\n');
    sg = await startTestSubgraph(curriculumHubs, folder);
    // one audited change per hub, by an administrator
    for (const [programmeId, urn] of [['P1', '100005'], ['P3', '100006']]) {
      const res = await graphql(sg.url, `mutation($p: ID!, $u: ID!) { recordParticipation(programmeId: $p, urn: $u) { teachers } }`, { p: programmeId, u: urn });
      expect(res.errors).toBeUndefined();
    }
  });
  afterAll(() => sg?.close());

  describe('PUBLIC: hubs, their LAs and lead schools, programme details', () => {
    const PUBLIC_QUERY = `{
      curriculumHubs { id name kind leadSchool { urn } localAuthorities { code } programmes { id title academicYear workgroupPhase hub { id } } }
      curriculumHub(id: "MH01") { name }
      programme(id: "P3") { id title academicYear workgroupPhase hub { name } }
    }`;
    const expected = {
      curriculumHubs: [
        {
          id: 'MH01',
          name: 'North East Maths Hub',
          kind: 'MATHS',
          leadSchool: { urn: '100001' },
          localAuthorities: [{ code: '805' }, { code: '808' }],
          programmes: [{ id: 'P1', title: 'Teaching for Mastery', academicYear: 2024, workgroupPhase: 'DEVELOPMENT', hub: { id: 'MH01' } }],
        },
        {
          id: 'SLP01',
          name: 'STELLAR',
          kind: 'SCIENCE',
          leadSchool: { urn: '100003' },
          localAuthorities: [{ code: '855' }],
          programmes: [{ id: 'P3', title: 'Subject leadership', academicYear: 2024, workgroupPhase: null, hub: { id: 'SLP01' } }],
        },
      ],
      curriculumHub: { name: 'North East Maths Hub' },
      programme: { id: 'P3', title: 'Subject leadership', academicYear: 2024, workgroupPhase: null, hub: { name: 'STELLAR' } },
    };

    test.each(EVERYONE)('%s reads them', async (_, identity) => {
      const res = await ask(PUBLIC_QUERY, identity);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual(expected);
    });

    test('anonymous callers resolve hub, programme and key-only references and LocalAuthority.curriculumHubs', async () => {
      const res = await ask<{ _entities: unknown[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) {
          ... on CurriculumHub { id name } ... on Programme { id title } ... on LocalAuthority { code curriculumHubs { id } }
          ... on School { urn } ... on Region { code } ... on ColdSpotReport { id }
        } }`,
        ANONYMOUS,
        {
          r: [
            { __typename: 'CurriculumHub', id: 'SLP01' },
            { __typename: 'Programme', id: 'P1' },
            { __typename: 'LocalAuthority', code: '808' },
            { __typename: 'School', urn: '100001' },
            { __typename: 'Region', code: 'A' },
            { __typename: 'ColdSpotReport', id: 'la:808:2021:2024' },
          ],
        },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?._entities).toEqual([
        { id: 'SLP01', name: 'STELLAR' },
        { id: 'P1', title: 'Teaching for Mastery' },
        { code: '808', curriculumHubs: [{ id: 'MH01' }] },
        { urn: '100001' },
        { code: 'A' },
        { id: 'la:808:2021:2024' },
      ]);
    });
  });

  describe('AUTHENTICATED: participations (which schools take part, not people)', () => {
    const QUERY = `query($r: [_Any!]!) {
      programme(id: "P1") { id participations { school { urn } teachers programme { id } } }
      _entities(representations: $r) { ... on School { urn hubParticipations { programme { id } teachers } } }
    }`;
    const variables = { r: [{ __typename: 'School', urn: '100003' }] };

    test('anonymous: null with UNAUTHENTICATED on each path, and the rest of the response returns', async () => {
      const res = await ask(QUERY, ANONYMOUS, variables);
      expect(res.data).toEqual({ programme: { id: 'P1', participations: null }, _entities: [{ urn: '100003', hubParticipations: null }] });
      expect(codesByPath(res.errors as Errors).sort()).toEqual([
        ['_entities.0.hubParticipations', 'UNAUTHENTICATED'],
        ['programme.participations', 'UNAUTHENTICATED'],
      ]);
      expect(res.errors?.[0].message).toMatch(/^Sign in to read /);
    });

    test.each(SIGNED_IN)('%s reads them', async (_, identity) => {
      const res = await ask(QUERY, identity, variables);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({
        programme: {
          id: 'P1',
          participations: ['100001', '100002', '100005'].map((urn, i) => ({ school: { urn }, teachers: [3, 1, 1][i], programme: { id: 'P1' } })),
        },
        _entities: [{ urn: '100003', hubParticipations: [{ programme: { id: 'P3' }, teachers: 2 }] }],
      });
    });
  });

  describe('AGGREGATE: programme counts, in the region of the hub', () => {
    const QUERY = `{ p1: programme(id: "P1") { id schoolCount teacherCount } p3: programme(id: "P3") { id schoolCount teacherCount } }`;
    const P1 = { id: 'P1', schoolCount: 3, teacherCount: 5 };
    const P3 = { id: 'P3', schoolCount: 2, teacherCount: 3 };
    const hidden = (id: string) => ({ id, schoolCount: null, teacherCount: null });

    test.each([
      ['staff of the hub', MH01_STAFF],
      ['staff of another hub', SLP01_STAFF],
      ['staff of a SCITT', SCITT_STAFF],
      ['national analyst', NATIONAL],
      ['administrator', TEST_ADMIN],
    ] as [string, Identity][])('%s reads every programme\'s counts', async (_, identity) => {
      const res = await ask(QUERY, identity);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ p1: P1, p3: P3 });
    });

    test('a regional analyst reads the counts of their region\'s hubs only: elsewhere null with FORBIDDEN', async () => {
      const a = await ask(QUERY, ANALYST_A);
      expect(a.data).toEqual({ p1: P1, p3: hidden('P3') });
      expect(codesByPath(a.errors as Errors)).toEqual([
        ['p3.schoolCount', 'FORBIDDEN'],
        ['p3.teacherCount', 'FORBIDDEN'],
      ]);
      expect(a.errors?.[0].message).toContain('outside your region scope');
      const e = await ask(QUERY, ANALYST_E);
      expect(e.data).toEqual({ p1: hidden('P1'), p3: P3 });
      expect(codesByPath(e.errors as Errors).map(([, code]) => code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    });

    test('within a list, the out-of-scope counts are null and the rest returns', async () => {
      const res = await ask<{ curriculumHubs: unknown[] }>(`{ curriculumHubs { id programmes { id schoolCount } } }`, ANALYST_E);
      expect(res.data?.curriculumHubs).toEqual([
        { id: 'MH01', programmes: [{ id: 'P1', schoolCount: null }] },
        { id: 'SLP01', programmes: [{ id: 'P3', schoolCount: 2 }] },
      ]);
      expect(codesByPath(res.errors as Errors)).toEqual([['curriculumHubs.0.programmes.0.schoolCount', 'FORBIDDEN']]);
    });

    test('anonymous: null with UNAUTHENTICATED', async () => {
      const res = await ask(QUERY, ANONYMOUS);
      expect(res.data).toEqual({ p1: hidden('P1'), p3: hidden('P3') });
      expect(codesByPath(res.errors as Errors).map(([, code]) => code)).toEqual(Array(4).fill('UNAUTHENTICATED'));
    });
  });

  describe('AGGREGATE: school, LA, region and cold-spot figures, in the region the gateway hands in or the area\'s own', () => {
    const QUERY = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on School { urn hubProgrammeCount }
      ... on LocalAuthority { code hubEngagement(academicYear: 2024) { schoolsParticipating participations teachers } }
      ... on Region { code hubEngagement(academicYear: 2024) { schoolsParticipating } }
    } }`;
    const variables = {
      r: [
        { __typename: 'School', urn: '100001', regionCode: 'A' },
        { __typename: 'School', urn: '100003', regionCode: 'E' },
        { __typename: 'LocalAuthority', code: '808' },
        { __typename: 'LocalAuthority', code: '855' },
        { __typename: 'Region', code: 'A' },
        { __typename: 'Region', code: 'E' },
      ],
    };
    const ALL = [
      { urn: '100001', hubProgrammeCount: 1 },
      { urn: '100003', hubProgrammeCount: 1 },
      { code: '808', hubEngagement: { schoolsParticipating: 2, participations: 2, teachers: 4 } },
      { code: '855', hubEngagement: { schoolsParticipating: 1, participations: 1, teachers: 2 } },
      { code: 'A', hubEngagement: { schoolsParticipating: 3 } },
      { code: 'E', hubEngagement: { schoolsParticipating: 1 } },
    ];

    test.each([
      ['staff of the hub', MH01_STAFF],
      ['staff of a SCITT', SCITT_STAFF],
      ['national analyst', NATIONAL],
      ['administrator', TEST_ADMIN],
    ] as [string, Identity][])('%s reads them everywhere', async (_, identity) => {
      const res = await ask(QUERY, identity, variables);
      expect(res.errors).toBeUndefined();
      expect(res.data?._entities).toEqual(ALL);
    });

    test('a regional analyst reads those of their region; elsewhere null with FORBIDDEN', async () => {
      const res = await ask<{ _entities: unknown[] }>(QUERY, ANALYST_A, variables);
      expect(res.data?._entities).toEqual([
        ALL[0],
        { urn: '100003', hubProgrammeCount: null },
        ALL[2],
        { code: '855', hubEngagement: null },
        ALL[4],
        { code: 'E', hubEngagement: null },
      ]);
      expect(codesByPath(res.errors as Errors).sort()).toEqual([
        ['_entities.1.hubProgrammeCount', 'FORBIDDEN'],
        ['_entities.3.hubEngagement', 'FORBIDDEN'],
        ['_entities.5.hubEngagement', 'FORBIDDEN'],
      ]);
    });

    test('a school whose region was not handed in is outside every region scope', async () => {
      const res = await ask<{ _entities: unknown[] }>(QUERY, ANALYST_A, { r: [{ __typename: 'School', urn: '100001' }] });
      expect(res.data?._entities).toEqual([{ urn: '100001', hubProgrammeCount: null }]);
      expect(codesByPath(res.errors as Errors)).toEqual([['_entities.0.hubProgrammeCount', 'FORBIDDEN']]);
    });

    test('anonymous: null with UNAUTHENTICATED', async () => {
      const res = await ask<{ _entities: unknown[] }>(QUERY, ANONYMOUS, variables);
      expect(res.data?._entities).toEqual([
        { urn: '100001', hubProgrammeCount: null },
        { urn: '100003', hubProgrammeCount: null },
        { code: '808', hubEngagement: null },
        { code: '855', hubEngagement: null },
        { code: 'A', hubEngagement: null },
        { code: 'E', hubEngagement: null },
      ]);
      expect(codesByPath(res.errors as Errors).map(([, code]) => code)).toEqual(Array(6).fill('UNAUTHENTICATED'));
    });

    test('cold-spot engagement (for the gateway): by the region of the report\'s scope', async () => {
      const reps = {
        r: [
          { __typename: 'ColdSpotReport', id: 'la:808:2021:2024', fromYear: 2021, toYear: 2024, candidateUrns: ['100001', '100009'] },
          { __typename: 'ColdSpotReport', id: 'region:E:2021:2024', fromYear: 2021, toYear: 2024, candidateUrns: ['100003', '100009'] },
        ],
      };
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ColdSpotReport { curriculumEngagedUrns } } }`;
      const national = await ask<{ _entities: unknown[] }>(query, NATIONAL, reps);
      expect(national.errors).toBeUndefined();
      expect(national.data?._entities).toEqual([{ curriculumEngagedUrns: ['100001'] }, { curriculumEngagedUrns: ['100003'] }]);
      const regional = await ask<{ _entities: unknown[] }>(query, ANALYST_E, reps);
      // the field is non-null (its type is shared with the local-authorities subgraph): the refused report is null
      expect(regional.data?._entities).toEqual([null, { curriculumEngagedUrns: ['100003'] }]);
      expect(codesByPath(regional.errors as Errors)).toEqual([['_entities.0.curriculumEngagedUrns', 'FORBIDDEN']]);
      const anonymous = await ask(query, ANONYMOUS, reps);
      expect(codesByPath(anonymous.errors as Errors).map(([, code]) => code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    });
  });

  describe('PERSONAL: the audit log, filtered to the caller\'s organisation', () => {
    const QUERY = `{ curriculumHubsAuditLog { organisation entityId source } }`;
    type Log = { curriculumHubsAuditLog: { organisation: string | null; entityId: string; source: string }[] | null };

    test('staff of a hub read their own hub\'s entries only', async () => {
      const mh01 = await ask<Log>(QUERY, MH01_STAFF);
      expect(mh01.errors).toBeUndefined();
      expect(mh01.data?.curriculumHubsAuditLog).toEqual([{ organisation: 'hub:MH01', entityId: 'P1+100005', source: 'GRAPHQL' }]);
      const slp01 = await ask<Log>(QUERY, SLP01_STAFF);
      expect(slp01.data?.curriculumHubsAuditLog).toEqual([{ organisation: 'hub:SLP01', entityId: 'P3+100006', source: 'GRAPHQL' }]);
      const scitt = await ask<Log>(QUERY, SCITT_STAFF);
      expect(scitt.data?.curriculumHubsAuditLog).toEqual([]);
    });

    test('administrators read every entry, bulk loads included', async () => {
      const res = await ask<Log>(QUERY, TEST_ADMIN);
      expect(res.errors).toBeUndefined();
      const entries = res.data!.curriculumHubsAuditLog!;
      expect(entries.slice(0, 2)).toEqual([
        { organisation: 'hub:SLP01', entityId: 'P3+100006', source: 'GRAPHQL' },
        { organisation: 'hub:MH01', entityId: 'P1+100005', source: 'GRAPHQL' },
      ]);
      expect(entries.slice(2).map((e) => e.source)).toEqual(['IMPORT', 'IMPORT', 'IMPORT', 'IMPORT']);
    });

    test.each([
      ['regional analyst', ANALYST_A],
      ['national analyst', NATIONAL],
    ] as [string, Identity][])('%s: null with FORBIDDEN', async (_, identity) => {
      const res = await ask<Log>(QUERY, identity);
      expect(res.data).toEqual({ curriculumHubsAuditLog: null });
      expect(codesByPath(res.errors as Errors)).toEqual([['curriculumHubsAuditLog', 'FORBIDDEN']]);
    });

    test('anonymous: null with UNAUTHENTICATED', async () => {
      const res = await ask<Log>(QUERY, ANONYMOUS);
      expect(res.data).toEqual({ curriculumHubsAuditLog: null });
      expect(codesByPath(res.errors as Errors)).toEqual([['curriculumHubsAuditLog', 'UNAUTHENTICATED']]);
    });
  });

  test('mutations: anonymous → UNAUTHENTICATED, analysts → FORBIDDEN (details in mutations.test.ts)', async () => {
    const mutation = `mutation { recordParticipation(programmeId: "P1", urn: "100030") { teachers } }`;
    expect(codesByPath((await ask(mutation, ANONYMOUS)).errors as Errors)).toEqual([['recordParticipation', 'UNAUTHENTICATED']]);
    expect(codesByPath((await ask(mutation, NATIONAL)).errors as Errors)).toEqual([['recordParticipation', 'FORBIDDEN']]);
    expect(codesByPath((await ask(mutation, SLP01_STAFF)).errors as Errors)).toEqual([['recordParticipation', 'FORBIDDEN']]);
  });
});
