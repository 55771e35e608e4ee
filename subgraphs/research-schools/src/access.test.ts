import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Identity } from '@tdg/kit/auth/identity';
import { TEST_ADMIN, type TestSubgraph, graphql, startTestSubgraph } from '../../../test/support/subgraph-harness.ts';
import researchSchools from './index.ts';

/**
 * Who reads what (schema/research-schools.graphql, `@access`): research schools and programmes are public;
 * participations need a signed-in identity; counts and engagement figures are aggregates (regional analysts in their
 * region only). RS-A is in LA 808 (region A), RS-E in LA 855 (region E).
 */
const ANONYMOUS = null;
const RS_STAFF: Identity = { subject: 'staff-rs-a', organisation: 'rs:RS-A', roles: ['ORG_STAFF'], regionScope: null };
const ANALYST_A: Identity = { subject: 'analyst-a', organisation: null, roles: ['REGIONAL_ANALYST'], regionScope: 'A' };
const ANALYST_E: Identity = { subject: 'analyst-e', organisation: null, roles: ['REGIONAL_ANALYST'], regionScope: 'E' };
const NATIONAL: Identity = { subject: 'analyst', organisation: null, roles: ['NATIONAL_ANALYST'], regionScope: null };

const EVERYONE: [string, Identity | null][] = [
  ['anonymous', ANONYMOUS],
  ['staff of a research school', RS_STAFF],
  ['regional analyst (A)', ANALYST_A],
  ['national analyst', NATIONAL],
  ['administrator', TEST_ADMIN],
];
const SIGNED_IN = EVERYONE.filter(([, identity]) => identity !== null);

type Errors = { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] | undefined;
const codesByPath = (errors: Errors) => (errors ?? []).map((e) => [(e.path ?? []).join('.'), e.extensions?.code]);

describe('research-schools access rules', () => {
  let sg: TestSubgraph;
  const ask = <T = Record<string, unknown>>(query: string, identity: Identity | null, variables: Record<string, unknown> = {}) =>
    graphql<T>(sg.url, query, variables, identity);

  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rs-access-'));
    writeFileSync(
      join(folder, 'research-schools.csv'),
      'research_school_id,name,designation,lead_school_urn,la_code\nRS-A,Tees Valley Research School,RESEARCH_SCHOOL,100001,808\nRS-E,Derby Associate Research School,ASSOCIATE_RESEARCH_SCHOOL,100003,855\n',
    );
    writeFileSync(
      join(folder, 'research-programmes.csv'),
      'programme_id,research_school_id,title,theme,academic_year\nP1,RS-A,Metacognition,METACOGNITION,2024\nP3,RS-E,Feedback,FEEDBACK,2024\n',
    );
    writeFileSync(join(folder, 'research-participations.csv'), 'programme_id,urn,teachers\nP1,100001,3\nP1,100002,1\nP3,100003,2\n');
    writeFileSync(join(folder, 'school-areas.csv'), 'urn,la_code\n100001,808\n100002,808\n100003,855\n100004,855\n');
    sg = await startTestSubgraph(researchSchools, folder);
  });
  afterAll(() => sg?.close());

  test.each(EVERYONE)('PUBLIC: %s reads research schools and programme details', async (_, identity) => {
    const res = await ask(
      `{ researchSchools { id designation regionCode leadSchool { urn } localAuthority { code } programmes { id title theme academicYear researchSchool { id } } } }`,
      identity,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      researchSchools: [
        {
          id: 'RS-A',
          designation: 'RESEARCH_SCHOOL',
          regionCode: 'A',
          leadSchool: { urn: '100001' },
          localAuthority: { code: '808' },
          programmes: [{ id: 'P1', title: 'Metacognition', theme: 'METACOGNITION', academicYear: 2024, researchSchool: { id: 'RS-A' } }],
        },
        {
          id: 'RS-E',
          designation: 'ASSOCIATE_RESEARCH_SCHOOL',
          regionCode: 'E',
          leadSchool: { urn: '100003' },
          localAuthority: { code: '855' },
          programmes: [{ id: 'P3', title: 'Feedback', theme: 'FEEDBACK', academicYear: 2024, researchSchool: { id: 'RS-E' } }],
        },
      ],
    });
  });

  describe('AUTHENTICATED: participations (which schools take part, not people)', () => {
    const QUERY = `query($r: [_Any!]!) {
      researchProgramme(id: "P1") { id participations { school { urn } teachers } }
      _entities(representations: $r) { ... on School { urn researchParticipations(academicYear: 2024) { programme { id } teachers } } }
    }`;
    const variables = { r: [{ __typename: 'School', urn: '100003' }] };

    test('anonymous: null with UNAUTHENTICATED on each path, and the rest of the response returns', async () => {
      const res = await ask(QUERY, ANONYMOUS, variables);
      expect(res.data).toEqual({ researchProgramme: { id: 'P1', participations: null }, _entities: [{ urn: '100003', researchParticipations: null }] });
      expect(codesByPath(res.errors as Errors).sort()).toEqual([
        ['_entities.0.researchParticipations', 'UNAUTHENTICATED'],
        ['researchProgramme.participations', 'UNAUTHENTICATED'],
      ]);
    });

    test.each(SIGNED_IN)('%s reads them', async (_, identity) => {
      const res = await ask(QUERY, identity, variables);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({
        researchProgramme: { id: 'P1', participations: [{ school: { urn: '100001' }, teachers: 3 }, { school: { urn: '100002' }, teachers: 1 }] },
        _entities: [{ urn: '100003', researchParticipations: [{ programme: { id: 'P3' }, teachers: 2 }] }],
      });
    });
  });

  describe('AGGREGATE: programme, school and area figures, in their region', () => {
    const QUERY = `query($r: [_Any!]!) {
      p1: researchProgramme(id: "P1") { schoolCount teacherCount }
      p3: researchProgramme(id: "P3") { schoolCount teacherCount }
      _entities(representations: $r) {
        ... on School { urn researchProgrammeCount }
        ... on LocalAuthority { code researchEngagement(academicYear: 2024) { schoolsParticipating participations teachers } }
        ... on Region { code researchEngagement(academicYear: 2024) { schoolsParticipating participations teachers } }
      }
    }`;
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
    const ALL = {
      p1: { schoolCount: 2, teacherCount: 4 },
      p3: { schoolCount: 1, teacherCount: 2 },
      _entities: [
        { urn: '100001', researchProgrammeCount: 1 },
        { urn: '100003', researchProgrammeCount: 1 },
        { code: '808', researchEngagement: { schoolsParticipating: 2, participations: 2, teachers: 4 } },
        { code: '855', researchEngagement: { schoolsParticipating: 1, participations: 1, teachers: 2 } },
        { code: 'A', researchEngagement: { schoolsParticipating: 2, participations: 2, teachers: 4 } },
        { code: 'E', researchEngagement: { schoolsParticipating: 1, participations: 1, teachers: 2 } },
      ],
    };

    test.each([
      ['staff of a research school', RS_STAFF],
      ['national analyst', NATIONAL],
      ['administrator', TEST_ADMIN],
    ] as [string, Identity][])('%s reads them everywhere', async (_, identity) => {
      const res = await ask(QUERY, identity, variables);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual(ALL);
    });

    test('a regional analyst reads those of their region; elsewhere null with FORBIDDEN', async () => {
      const a = await ask(QUERY, ANALYST_A, variables);
      expect(a.data).toEqual({
        p1: ALL.p1,
        p3: { schoolCount: null, teacherCount: null },
        _entities: [
          ALL._entities[0],
          { urn: '100003', researchProgrammeCount: null },
          ALL._entities[2],
          { code: '855', researchEngagement: null },
          ALL._entities[4],
          { code: 'E', researchEngagement: null },
        ],
      });
      expect(codesByPath(a.errors as Errors).sort()).toEqual([
        ['_entities.1.researchProgrammeCount', 'FORBIDDEN'],
        ['_entities.3.researchEngagement', 'FORBIDDEN'],
        ['_entities.5.researchEngagement', 'FORBIDDEN'],
        ['p3.schoolCount', 'FORBIDDEN'],
        ['p3.teacherCount', 'FORBIDDEN'],
      ]);
      const e = await ask(QUERY, ANALYST_E, variables);
      expect(e.data).toMatchObject({ p1: { schoolCount: null }, p3: ALL.p3 });
      expect(codesByPath(e.errors as Errors).map(([, code]) => code)).toEqual(Array(5).fill('FORBIDDEN'));
    });

    test('anonymous: null with UNAUTHENTICATED', async () => {
      const res = await ask(QUERY, ANONYMOUS, variables);
      expect(res.data).toEqual({
        p1: { schoolCount: null, teacherCount: null },
        p3: { schoolCount: null, teacherCount: null },
        _entities: [
          { urn: '100001', researchProgrammeCount: null },
          { urn: '100003', researchProgrammeCount: null },
          { code: '808', researchEngagement: null },
          { code: '855', researchEngagement: null },
          { code: 'A', researchEngagement: null },
          { code: 'E', researchEngagement: null },
        ],
      });
      expect(codesByPath(res.errors as Errors).map(([, code]) => code)).toEqual(Array(10).fill('UNAUTHENTICATED'));
    });
  });
});
