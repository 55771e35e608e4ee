import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Identity } from '@tdg/kit/auth/identity';
import { TEST_ADMIN, type TestSubgraph, graphql, startTestSubgraph } from '../../../test/support/subgraph-harness.ts';
import { curriculumHubs } from './index.ts';

/** Staff of the Maths hub MH01 (the owner of programme P1), of another hub, of a SCITT, and analysts. */
const MH01_STAFF: Identity = { subject: 'staff-mh01', organisation: 'hub:MH01', roles: ['ORG_STAFF'], regionScope: null };
const SLP01_STAFF: Identity = { subject: 'staff-slp01', organisation: 'hub:SLP01', roles: ['ORG_STAFF'], regionScope: null };
const SCITT_STAFF: Identity = { subject: 'staff-scitt', organisation: 'scitt:70245', roles: ['ORG_STAFF'], regionScope: null };
const REGIONAL_ANALYST: Identity = { subject: 'analyst-a', organisation: null, roles: ['REGIONAL_ANALYST'], regionScope: 'A' };
const NATIONAL_ANALYST: Identity = { subject: 'analyst', organisation: null, roles: ['NATIONAL_ANALYST'], regionScope: null };

/** Every table of the subgraph, the audit trail included. */
const TABLES = ['curriculum_hub', 'curriculum_hub_local_authority', 'programme', 'participation', 'audit_entry'] as const;

const CREATE = `mutation($input: CreateProgrammeInput!) {
  createProgramme(input: $input) { id title academicYear workgroupPhase hub { id } schoolCount }
}`;
const UPDATE = `mutation($id: ID!, $input: UpdateProgrammeInput!) {
  updateProgramme(id: $id, input: $input) { id title academicYear workgroupPhase }
}`;
const RECORD = `mutation($programmeId: ID!, $urn: ID!, $teachers: Int) {
  recordParticipation(programmeId: $programmeId, urn: $urn, teachers: $teachers) { school { urn } teachers programme { id schoolCount teacherCount } }
}`;
const RECORD_DEFAULT = `mutation($programmeId: ID!, $urn: ID!) {
  recordParticipation(programmeId: $programmeId, urn: $urn) { school { urn } teachers }
}`;
const REMOVE = `mutation($programmeId: ID!, $urn: ID!) {
  removeParticipation(programmeId: $programmeId, urn: $urn) { id participations { school { urn } } schoolCount }
}`;
const AUDIT = `query($entityType: String) { curriculumHubsAuditLog(entityType: $entityType) {
  id at actorSubject actorOrganisation actorRoles source operation entityType entityId organisation before after
} }`;

interface AuditRow {
  id: string;
  at: string;
  actorSubject: string;
  actorOrganisation: string | null;
  actorRoles: string[];
  source: string;
  operation: string;
  entityType: string;
  entityId: string;
  organisation: string | null;
  before: string | null;
  after: string | null;
}

type GraphQLErrors = { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] | undefined;

describe('curriculum-hubs mutations', () => {
  let sg: TestSubgraph;

  /** The whole content of every table, to prove a rejected write changed nothing. */
  const contents = async (): Promise<Record<string, unknown>> => {
    const out: Record<string, unknown> = {};
    const connection = sg.orm.em.fork().getConnection();
    for (const t of TABLES) out[t] = await connection.execute(`select * from ${t} order by 1, 2`);
    return out;
  };
  const auditCount = async () => Number((await sg.orm.em.fork().getConnection().execute(`select count(*)::int as n from audit_entry`))[0].n);
  const latestAudit = async (identity: Identity = TEST_ADMIN) => (await graphql<{ curriculumHubsAuditLog: AuditRow[] }>(sg.url, AUDIT, {}, identity)).data!.curriculumHubsAuditLog[0];

  /** Runs a write expected to fail with `code` (and, for BAD_USER_INPUT, the field path), and checks nothing changed. */
  const rejected = async (query: string, variables: Record<string, unknown>, identity: Identity | null, code: string, field?: string) => {
    const before = await contents();
    const res = await graphql<Record<string, unknown>>(sg.url, query, variables, identity);
    const error = res.errors?.[0];
    expect(error?.extensions?.code).toBe(code);
    if (field) expect(error?.extensions?.field).toBe(field);
    expect(await contents()).toEqual(before);
    return { res, errors: res.errors as GraphQLErrors };
  };

  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ch-mutations-'));
    writeFileSync(
      join(folder, 'curriculum-hubs.csv'),
      'hub_id,name,kind,lead_school_urn,la_codes\nMH01,North East Maths Hub,MATHS,100001,808;805\nSLP01,STELLAR,SCIENCE,,855\n',
    );
    writeFileSync(
      join(folder, 'programmes.csv'),
      'programme_id,hub_id,title,academic_year,workgroup_phase\nP1,MH01,Teaching for Mastery,2024,DEVELOPMENT\nP3,SLP01,Subject leadership,2024,\n',
    );
    writeFileSync(join(folder, 'participations.csv'), 'programme_id,urn,teachers\nP1,100001,3\nP3,100003,2\n');
    writeFileSync(join(folder, 'school-areas.csv'), 'urn,la_code\n100001,808\n100002,808\n100003,808\n');
    sg = await startTestSubgraph(curriculumHubs, folder);
  });
  afterAll(() => sg?.close());

  describe('createProgramme', () => {
    const input = { programmeId: 'MH01-TFM-2025', hubId: 'MH01', title: 'Teaching for Mastery', academicYear: 2025, workgroupPhase: 'READINESS' };

    test('the hub\'s staff create a programme, recorded in the audit trail in the same transaction', async () => {
      const before = await auditCount();
      const res = await graphql<{ createProgramme: unknown }>(sg.url, CREATE, { input }, MH01_STAFF);
      expect(res.errors).toBeUndefined();
      expect(res.data?.createProgramme).toEqual({ id: 'MH01-TFM-2025', title: 'Teaching for Mastery', academicYear: 2025, workgroupPhase: 'READINESS', hub: { id: 'MH01' }, schoolCount: 0 });
      expect(await auditCount()).toBe(before + 1);
      expect((await contents()).programme).toHaveLength(3);
      const entry = await latestAudit(MH01_STAFF);
      expect(entry).toMatchObject({
        actorSubject: 'staff-mh01',
        actorOrganisation: 'hub:MH01',
        actorRoles: ['ORG_STAFF'],
        source: 'GRAPHQL',
        operation: 'createProgramme',
        entityType: 'Programme',
        entityId: 'MH01-TFM-2025',
        organisation: 'hub:MH01',
        before: null,
      });
      expect(JSON.parse(entry.after!)).toEqual({ id: 'MH01-TFM-2025', hubId: 'MH01', title: 'Teaching for Mastery', academicYear: 2025, workgroupPhase: 'READINESS' });
      expect(new Date(entry.at).toISOString()).toBe(entry.at);
      expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
    });

    test('a retry with the same input returns the same programme, with no second change or audit entry', async () => {
      const before = await contents();
      const res = await graphql<{ createProgramme: { id: string; title: string } }>(sg.url, CREATE, { input }, MH01_STAFF);
      expect(res.errors).toBeUndefined();
      expect(res.data?.createProgramme).toMatchObject({ id: 'MH01-TFM-2025', title: 'Teaching for Mastery' });
      expect(await contents()).toEqual(before);
    });

    test('the same id with other values is a conflict (BAD_USER_INPUT on input.programmeId)', async () => {
      const { errors } = await rejected(CREATE, { input: { ...input, title: 'Another title' } }, MH01_STAFF, 'BAD_USER_INPUT', 'input.programmeId');
      expect(errors?.[0].message).toContain('already exists with another title');
      // an id held by another hub, by that hub's staff
      await rejected(CREATE, { input: { ...input, hubId: 'SLP01' } }, SLP01_STAFF, 'BAD_USER_INPUT', 'input.programmeId');
    });

    test('an administrator creates a programme for any hub', async () => {
      const res = await graphql<{ createProgramme: { id: string; hub: { id: string } } }>(sg.url, CREATE, {
        input: { programmeId: 'SLP01-NEW', hubId: 'SLP01', title: 'Practical science', academicYear: 2025 },
      });
      expect(res.errors).toBeUndefined();
      expect(res.data?.createProgramme).toMatchObject({ id: 'SLP01-NEW', hub: { id: 'SLP01' }, workgroupPhase: null });
      expect(await latestAudit()).toMatchObject({ actorSubject: 'test-admin', actorOrganisation: null, actorRoles: ['ADMIN'], organisation: 'hub:SLP01' });
    });

    test('malformed or out-of-range academic year → BAD_USER_INPUT on input.academicYear, nothing changed', async () => {
      const { errors } = await rejected(CREATE, { input: { ...input, programmeId: 'X1', academicYear: 24 } }, MH01_STAFF, 'BAD_USER_INPUT', 'input.academicYear');
      expect(errors?.[0].extensions?.problems).toEqual([{ field: 'input.academicYear', reason: 'malformed academic year "24" (expected its starting year, e.g. 2024)' }]);
      await rejected(CREATE, { input: { ...input, programmeId: 'X1', academicYear: 1890 } }, MH01_STAFF, 'BAD_USER_INPUT', 'input.academicYear');
    });

    test('missing title → BAD_USER_INPUT on input.title; every problem is listed', async () => {
      await rejected(CREATE, { input: { ...input, programmeId: 'X1', title: '   ' } }, MH01_STAFF, 'BAD_USER_INPUT', 'input.title');
      const { errors } = await rejected(CREATE, { input: { ...input, programmeId: '', title: '', academicYear: 3000 } }, MH01_STAFF, 'BAD_USER_INPUT', 'input.programmeId');
      expect((errors?.[0].extensions?.problems as { field: string }[] | undefined)?.map((p) => p.field)).toEqual(['input.programmeId', 'input.title', 'input.academicYear']);
    });

    test('an unknown enum value is refused (BAD_USER_INPUT naming input.workgroupPhase), nothing changed', async () => {
      const { errors } = await rejected(CREATE, { input: { ...input, programmeId: 'X1', workgroupPhase: 'EMBEDDED' } }, MH01_STAFF, 'BAD_USER_INPUT');
      expect(errors?.[0].message).toContain('"input.workgroupPhase"');
    });

    test('an unknown hub → BAD_USER_INPUT on input.hubId, nothing changed', async () => {
      const { errors } = await rejected(CREATE, { input: { ...input, programmeId: 'X1', hubId: 'NOPE' } }, TEST_ADMIN, 'BAD_USER_INPUT', 'input.hubId');
      expect(errors?.[0].message).toContain('unknown hub "NOPE"');
      // staff of a hub this subgraph does not hold, writing for that hub
      await rejected(CREATE, { input: { ...input, programmeId: 'X1', hubId: 'NOPE' } }, { ...MH01_STAFF, organisation: 'hub:NOPE' }, 'BAD_USER_INPUT', 'input.hubId');
    });

    test('staff of another hub or organisation → FORBIDDEN; anonymous → UNAUTHENTICATED; analysts → FORBIDDEN; nothing changed', async () => {
      const { errors } = await rejected(CREATE, { input: { ...input, programmeId: 'X1' } }, SLP01_STAFF, 'FORBIDDEN');
      expect(errors?.[0].message).toContain('hub:MH01');
      expect(errors?.[0].path).toEqual(['createProgramme']);
      await rejected(CREATE, { input: { ...input, programmeId: 'X1' } }, SCITT_STAFF, 'FORBIDDEN');
      await rejected(CREATE, { input: { ...input, programmeId: 'X1' } }, null, 'UNAUTHENTICATED');
      await rejected(CREATE, { input: { ...input, programmeId: 'X1' } }, REGIONAL_ANALYST, 'FORBIDDEN');
      await rejected(CREATE, { input: { ...input, programmeId: 'X1' } }, NATIONAL_ANALYST, 'FORBIDDEN');
      // authorisation comes first: a forbidden caller learns nothing about the input
      await rejected(CREATE, { input: { ...input, programmeId: 'X1', academicYear: 24 } }, SLP01_STAFF, 'FORBIDDEN');
    });
  });

  describe('updateProgramme', () => {
    test('the hub\'s staff change a programme; the audit entry holds before and after', async () => {
      const res = await graphql<{ updateProgramme: unknown }>(sg.url, UPDATE, { id: 'P1', input: { title: 'Teaching for Mastery (primary)', workgroupPhase: 'EMBEDDING' } }, MH01_STAFF);
      expect(res.errors).toBeUndefined();
      expect(res.data?.updateProgramme).toEqual({ id: 'P1', title: 'Teaching for Mastery (primary)', academicYear: 2024, workgroupPhase: 'EMBEDDING' });
      const entry = await latestAudit(MH01_STAFF);
      expect(entry).toMatchObject({ operation: 'updateProgramme', entityType: 'Programme', entityId: 'P1', organisation: 'hub:MH01' });
      expect(JSON.parse(entry.before!)).toEqual({ id: 'P1', hubId: 'MH01', title: 'Teaching for Mastery', academicYear: 2024, workgroupPhase: 'DEVELOPMENT' });
      expect(JSON.parse(entry.after!)).toEqual({ id: 'P1', hubId: 'MH01', title: 'Teaching for Mastery (primary)', academicYear: 2024, workgroupPhase: 'EMBEDDING' });
    });

    test('a retry (nothing left to change) returns the programme without a change or audit entry', async () => {
      const before = await contents();
      const res = await graphql<{ updateProgramme: { title: string } }>(sg.url, UPDATE, { id: 'P1', input: { title: 'Teaching for Mastery (primary)', workgroupPhase: 'EMBEDDING' } }, MH01_STAFF);
      expect(res.errors).toBeUndefined();
      expect(res.data?.updateProgramme.title).toBe('Teaching for Mastery (primary)');
      expect(await contents()).toEqual(before);
    });

    test('null clears the work-group phase; fields left out stay', async () => {
      const res = await graphql<{ updateProgramme: unknown }>(sg.url, UPDATE, { id: 'P1', input: { workgroupPhase: null } }, MH01_STAFF);
      expect(res.errors).toBeUndefined();
      expect(res.data?.updateProgramme).toEqual({ id: 'P1', title: 'Teaching for Mastery (primary)', academicYear: 2024, workgroupPhase: null });
    });

    test('a new academic year moves the programme\'s participations in the area figures and cold-spot checks, and back', async () => {
      const FIGURES = `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on LocalAuthority { y23: hubEngagement(academicYear: 2023) { schoolsParticipating participations teachers } y24: hubEngagement(academicYear: 2024) { schoolsParticipating participations teachers } }
        ... on ColdSpotReport { curriculumEngagedUrns }
        ... on School { hubProgrammeCount(academicYear: 2023) }
      } }`;
      const figures = async () => {
        const res = await graphql<{ _entities: Record<string, unknown>[] }>(sg.url, FIGURES, {
          r: [
            { __typename: 'LocalAuthority', code: '808' },
            { __typename: 'ColdSpotReport', id: 'la:808:2023:2023', fromYear: 2023, toYear: 2023, candidateUrns: ['100001', '100003'] },
            { __typename: 'School', urn: '100001', regionCode: 'A' },
          ],
        });
        expect(res.errors).toBeUndefined();
        return res.data!._entities;
      };
      // participations whose year is not their programme's (the database keeps the copy in step)
      const outOfStep = async () =>
        Number(
          (
            await sg.orm.em
              .fork()
              .getConnection()
              .execute(`select count(*)::int as n from participation p join programme g on g.id = p.programme_id where p.academic_year <> g.academic_year`)
          )[0].n,
        );
      // P1 (2024) holds 100001 with 3 teachers, P3 (2024) 100003 with 2
      const in2024 = [
        { y23: { schoolsParticipating: 0, participations: 0, teachers: 0 }, y24: { schoolsParticipating: 2, participations: 2, teachers: 5 } },
        { curriculumEngagedUrns: [] },
        { hubProgrammeCount: 0 },
      ];
      expect(await figures()).toEqual(in2024);

      const moved = await graphql<{ updateProgramme: { academicYear: number } }>(sg.url, UPDATE, { id: 'P1', input: { academicYear: 2023 } }, MH01_STAFF);
      expect(moved.errors).toBeUndefined();
      expect(moved.data?.updateProgramme.academicYear).toBe(2023);
      expect(await figures()).toEqual([
        { y23: { schoolsParticipating: 1, participations: 1, teachers: 3 }, y24: { schoolsParticipating: 1, participations: 1, teachers: 2 } },
        { curriculumEngagedUrns: ['100001'] },
        { hubProgrammeCount: 1 },
      ]);
      expect(await outOfStep()).toBe(0);

      const back = await graphql<{ updateProgramme: { academicYear: number } }>(sg.url, UPDATE, { id: 'P1', input: { academicYear: 2024 } }, MH01_STAFF);
      expect(back.errors).toBeUndefined();
      expect(await figures()).toEqual(in2024);
      expect(await outOfStep()).toBe(0);
    });

    test('invalid values → BAD_USER_INPUT with the field path, nothing changed', async () => {
      await rejected(UPDATE, { id: 'P1', input: { academicYear: 20245 } }, MH01_STAFF, 'BAD_USER_INPUT', 'input.academicYear');
      await rejected(UPDATE, { id: 'P1', input: { title: null } }, MH01_STAFF, 'BAD_USER_INPUT', 'input.title');
      await rejected(UPDATE, { id: 'P1', input: { academicYear: null } }, MH01_STAFF, 'BAD_USER_INPUT', 'input.academicYear');
      const { errors } = await rejected(UPDATE, { id: 'P1', input: { workgroupPhase: 'LATER' } }, MH01_STAFF, 'BAD_USER_INPUT');
      expect(errors?.[0].message).toContain('"input.workgroupPhase"');
    });

    test('an unknown programme → BAD_USER_INPUT on id (for a hub\'s staff or an administrator), nothing changed', async () => {
      await rejected(UPDATE, { id: 'NOPE', input: { title: 'x' } }, MH01_STAFF, 'BAD_USER_INPUT', 'id');
      await rejected(UPDATE, { id: 'NOPE', input: { title: 'x' } }, TEST_ADMIN, 'BAD_USER_INPUT', 'id');
      await rejected(UPDATE, { id: 'NOPE', input: { title: 'x' } }, SCITT_STAFF, 'FORBIDDEN');
      await rejected(UPDATE, { id: 'NOPE', input: { title: 'x' } }, null, 'UNAUTHENTICATED');
    });

    test('staff of another hub → FORBIDDEN; anonymous → UNAUTHENTICATED; analysts → FORBIDDEN; nothing changed', async () => {
      await rejected(UPDATE, { id: 'P1', input: { title: 'Taken over' } }, SLP01_STAFF, 'FORBIDDEN');
      await rejected(UPDATE, { id: 'P1', input: { title: 'Taken over' } }, null, 'UNAUTHENTICATED');
      await rejected(UPDATE, { id: 'P1', input: { title: 'Taken over' } }, REGIONAL_ANALYST, 'FORBIDDEN');
      await rejected(UPDATE, { id: 'P1', input: { title: 'Taken over' } }, NATIONAL_ANALYST, 'FORBIDDEN');
    });
  });

  describe('recordParticipation and removeParticipation', () => {
    test('records a participation (teachers defaults to 1) and answers with fresh figures', async () => {
      const before = await auditCount();
      const res = await graphql<{ recordParticipation: unknown }>(sg.url, RECORD_DEFAULT, { programmeId: 'P1', urn: '100002' }, MH01_STAFF);
      expect(res.errors).toBeUndefined();
      expect(res.data?.recordParticipation).toEqual({ school: { urn: '100002' }, teachers: 1 });
      expect(await auditCount()).toBe(before + 1);
      const entry = await latestAudit(MH01_STAFF);
      expect(entry).toMatchObject({ operation: 'recordParticipation', entityType: 'Participation', entityId: 'P1+100002', organisation: 'hub:MH01', before: null });
      expect(JSON.parse(entry.after!)).toEqual({ programmeId: 'P1', urn: '100002', teachers: 1 });
    });

    test('upsert by programme and URN: a new number of teachers updates the row (audited with before and after)', async () => {
      const res = await graphql<{ recordParticipation: unknown }>(sg.url, RECORD, { programmeId: 'P1', urn: '100002', teachers: 4 }, MH01_STAFF);
      expect(res.errors).toBeUndefined();
      // the programme's figures are read after the write: 100001 (3 teachers) and 100002 (4)
      expect(res.data?.recordParticipation).toEqual({ school: { urn: '100002' }, teachers: 4, programme: { id: 'P1', schoolCount: 2, teacherCount: 7 } });
      const entry = await latestAudit(MH01_STAFF);
      expect(JSON.parse(entry.before!)).toEqual({ programmeId: 'P1', urn: '100002', teachers: 1 });
      expect(JSON.parse(entry.after!)).toEqual({ programmeId: 'P1', urn: '100002', teachers: 4 });
    });

    test('a retry with the same values changes nothing and records no audit entry', async () => {
      const before = await contents();
      const res = await graphql<{ recordParticipation: { teachers: number } }>(sg.url, RECORD, { programmeId: 'P1', urn: '100002', teachers: 4 }, MH01_STAFF);
      expect(res.errors).toBeUndefined();
      expect(res.data?.recordParticipation.teachers).toBe(4);
      expect(await contents()).toEqual(before);
    });

    test('concurrent retries of the same write make one change and one audit entry', async () => {
      const before = await auditCount();
      const results = await Promise.all(
        [1, 2, 3].map(() => graphql<{ recordParticipation: { teachers: number } }>(sg.url, RECORD_DEFAULT, { programmeId: 'P3', urn: '100020' }, SLP01_STAFF)),
      );
      expect(results.map((r) => [r.errors, r.data?.recordParticipation])).toEqual([1, 2, 3].map(() => [undefined, { school: { urn: '100020' }, teachers: 1 }]));
      expect(await auditCount()).toBe(before + 1);
      const created = await Promise.all(
        [1, 2].map(() => graphql<{ createProgramme: { id: string } }>(sg.url, CREATE, { input: { programmeId: 'P-RACE', hubId: 'SLP01', title: 'Race', academicYear: 2025 } }, SLP01_STAFF)),
      );
      expect(created.map((r) => [r.errors, r.data?.createProgramme.id])).toEqual([[undefined, 'P-RACE'], [undefined, 'P-RACE']]);
      expect(await auditCount()).toBe(before + 2);
    });

    test('writes and reads in one request see each other', async () => {
      const res = await graphql<Record<string, { teachers: number; programme: { teacherCount: number } }>>(
        sg.url,
        `mutation { a: recordParticipation(programmeId: "P1", urn: "100002", teachers: 5) { teachers programme { teacherCount } }
                    b: recordParticipation(programmeId: "P1", urn: "100002", teachers: 6) { teachers programme { teacherCount } } }`,
        {},
        MH01_STAFF,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ a: { teachers: 5, programme: { teacherCount: 8 } }, b: { teachers: 6, programme: { teacherCount: 9 } } });
    });

    test('malformed URN, negative teachers → BAD_USER_INPUT naming the argument, nothing changed', async () => {
      const { errors } = await rejected(RECORD, { programmeId: 'P1', urn: '12345', teachers: 1 }, MH01_STAFF, 'BAD_USER_INPUT', 'urn');
      expect(errors?.[0].extensions?.problems).toEqual([{ field: 'urn', reason: 'malformed URN "12345" (expected 6 or more digits)' }]);
      await rejected(RECORD, { programmeId: 'P1', urn: '100009', teachers: -1 }, MH01_STAFF, 'BAD_USER_INPUT', 'teachers');
      await rejected(RECORD, { programmeId: 'P1', urn: '100009', teachers: 100_001 }, MH01_STAFF, 'BAD_USER_INPUT', 'teachers');
      await rejected(REMOVE, { programmeId: 'P1', urn: 'abc123' }, MH01_STAFF, 'BAD_USER_INPUT', 'urn');
    });

    test('a fractional number of teachers is refused by GraphQL itself (Int), nothing changed', async () => {
      await rejected(RECORD, { programmeId: 'P1', urn: '100009', teachers: 1.5 }, MH01_STAFF, 'BAD_USER_INPUT');
    });

    test('an unknown programme → BAD_USER_INPUT on programmeId, nothing changed', async () => {
      await rejected(RECORD, { programmeId: 'NOPE', urn: '100009', teachers: 1 }, MH01_STAFF, 'BAD_USER_INPUT', 'programmeId');
      await rejected(REMOVE, { programmeId: 'NOPE', urn: '100009' }, TEST_ADMIN, 'BAD_USER_INPUT', 'programmeId');
    });

    test('staff of another hub → FORBIDDEN; anonymous → UNAUTHENTICATED; analysts → FORBIDDEN; nothing changed', async () => {
      await rejected(RECORD, { programmeId: 'P1', urn: '100009', teachers: 1 }, SLP01_STAFF, 'FORBIDDEN');
      await rejected(RECORD, { programmeId: 'P1', urn: '100009', teachers: 1 }, SCITT_STAFF, 'FORBIDDEN');
      await rejected(RECORD, { programmeId: 'P1', urn: '100009', teachers: 1 }, null, 'UNAUTHENTICATED');
      await rejected(RECORD, { programmeId: 'P1', urn: '100009', teachers: 1 }, REGIONAL_ANALYST, 'FORBIDDEN');
      await rejected(RECORD, { programmeId: 'P1', urn: '100009', teachers: 1 }, NATIONAL_ANALYST, 'FORBIDDEN');
      await rejected(REMOVE, { programmeId: 'P1', urn: '100001' }, SLP01_STAFF, 'FORBIDDEN');
      await rejected(REMOVE, { programmeId: 'P1', urn: '100001' }, null, 'UNAUTHENTICATED');
      await rejected(REMOVE, { programmeId: 'P1', urn: '100001' }, NATIONAL_ANALYST, 'FORBIDDEN');
    });

    test('removes a participation (audited); a retry changes nothing', async () => {
      const res = await graphql<{ removeParticipation: unknown }>(sg.url, REMOVE, { programmeId: 'P1', urn: '100002' }, MH01_STAFF);
      expect(res.errors).toBeUndefined();
      expect(res.data?.removeParticipation).toEqual({ id: 'P1', participations: [{ school: { urn: '100001' } }], schoolCount: 1 });
      const entry = await latestAudit(MH01_STAFF);
      expect(entry).toMatchObject({ operation: 'removeParticipation', entityId: 'P1+100002', organisation: 'hub:MH01', after: null });
      expect(JSON.parse(entry.before!)).toEqual({ programmeId: 'P1', urn: '100002', teachers: 6 });

      const before = await contents();
      const retry = await graphql<{ removeParticipation: unknown }>(sg.url, REMOVE, { programmeId: 'P1', urn: '100002' }, MH01_STAFF);
      expect(retry.errors).toBeUndefined();
      expect(retry.data?.removeParticipation).toEqual({ id: 'P1', participations: [{ school: { urn: '100001' } }], schoolCount: 1 });
      expect(await contents()).toEqual(before);
    });

    test('an administrator writes any hub\'s participations', async () => {
      const res = await graphql<{ recordParticipation: { teachers: number } }>(sg.url, RECORD, { programmeId: 'P3', urn: '100004', teachers: 0 });
      expect(res.errors).toBeUndefined();
      expect(res.data?.recordParticipation.teachers).toBe(0);
      expect(await latestAudit()).toMatchObject({ entityId: 'P3+100004', organisation: 'hub:SLP01', actorSubject: 'test-admin' });
    });

    test('in one request, a refused write answers null with its error and the other writes still happen', async () => {
      const res = await graphql<Record<string, unknown>>(
        sg.url,
        `mutation { mine: recordParticipation(programmeId: "P1", urn: "100010") { teachers }
                    theirs: recordParticipation(programmeId: "P3", urn: "100010") { teachers } }`,
        {},
        MH01_STAFF,
      );
      expect(res.data).toEqual({ mine: { teachers: 1 }, theirs: null });
      expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['theirs'], 'FORBIDDEN']]);
    });
  });

  describe('curriculumHubsAuditLog', () => {
    test('a hub\'s staff read their own hub\'s entries only; administrators read all, bulk loads included', async () => {
      const mine = (await graphql<{ curriculumHubsAuditLog: AuditRow[] }>(sg.url, AUDIT, {}, MH01_STAFF)).data!.curriculumHubsAuditLog;
      expect(mine.length).toBeGreaterThan(0);
      expect(new Set(mine.map((e) => e.organisation))).toEqual(new Set(['hub:MH01']));
      const theirs = (await graphql<{ curriculumHubsAuditLog: AuditRow[] }>(sg.url, AUDIT, {}, SLP01_STAFF)).data!.curriculumHubsAuditLog;
      expect(new Set(theirs.map((e) => e.organisation))).toEqual(new Set(['hub:SLP01']));
      const scitt = await graphql<{ curriculumHubsAuditLog: AuditRow[] }>(sg.url, AUDIT, {}, SCITT_STAFF);
      expect(scitt.data?.curriculumHubsAuditLog).toEqual([]);

      const all = (await graphql<{ curriculumHubsAuditLog: AuditRow[] }>(sg.url, `{ curriculumHubsAuditLog(first: 500) { id source organisation entityType } }`)).data!.curriculumHubsAuditLog;
      expect(all.length).toBe(await auditCount());
      expect(all.filter((e) => e.source === 'IMPORT').map((e) => e.entityType).sort()).toEqual(['curriculum-hubs.csv', 'participations.csv', 'programmes.csv', 'school-areas.csv']);
      // newest first
      expect(all.map((e) => Number(e.id))).toEqual(all.map((e) => Number(e.id)).sort((a, b) => b - a));
    });

    test('filters by entity type and limits with first', async () => {
      const res = await graphql<{ curriculumHubsAuditLog: AuditRow[] }>(sg.url, `{ curriculumHubsAuditLog(first: 2, entityType: "Participation") { entityType } }`);
      expect(res.data?.curriculumHubsAuditLog).toEqual([{ entityType: 'Participation' }, { entityType: 'Participation' }]);
      const bad = await graphql(sg.url, `{ curriculumHubsAuditLog(first: 0) { id } }`);
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    test('analysts → null with FORBIDDEN; anonymous → UNAUTHENTICATED', async () => {
      for (const identity of [REGIONAL_ANALYST, NATIONAL_ANALYST]) {
        const res = await graphql(sg.url, AUDIT, {}, identity);
        expect(res.data).toEqual({ curriculumHubsAuditLog: null });
        expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
      const anonymous = await graphql(sg.url, AUDIT, {}, null);
      expect(anonymous.data).toEqual({ curriculumHubsAuditLog: null });
      expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });
});
