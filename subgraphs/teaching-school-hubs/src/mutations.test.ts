import type { Identity } from '@tdg/kit/auth/identity';
import { type TestSubgraph, graphql, startTestSubgraph } from '../../../test/support/subgraph-harness.ts';
import { teachingSchoolHubs } from './index.ts';
import { WHO, databaseState, fixtureFolder, rowCounts } from './testing/fixture.ts';

const START = `mutation($input: StartEctInductionInput!) {
  startEctInduction(input: $input) { id status startedOn finishedOn academicYear trainingProgramme teacher { trn } mentor { trn } school { urn } appropriateBody { id } }
}`;
const OUTCOME = `mutation($id: ID!, $status: InductionStatus!, $finishedOn: String) {
  recordInductionOutcome(id: $id, status: $status, finishedOn: $finishedOn) { id status startedOn finishedOn }
}`;
const ENROL = `mutation($input: EnrolNpqInput!) { enrolNpq(input: $input) { id status course cohort teacher { trn } school { urn } hub { id } } }`;
const NPQ_OUTCOME = `mutation($id: ID!, $status: NpqStatus!) { recordNpqOutcome(id: $id, status: $status) { id status } }`;
const AUDIT = `query($first: Int, $entityType: String) {
  teachingSchoolHubsAuditLog(first: $first, entityType: $entityType) {
    id at actorSubject actorOrganisation actorRoles source operation entityType entityId organisation before after
  }
}`;

const induction = (over: Record<string, unknown> = {}) => ({
  inductionId: 'EE3-2025-001',
  trn: '1000101',
  schoolUrn: '100001',
  hubId: 'EE3',
  academicYear: 2025,
  trainingProgramme: 'PROVIDER_LED',
  startedOn: '2025-09-01',
  mentorTrn: '2000001',
  ...over,
});
const enrolment = (over: Record<string, unknown> = {}) => ({
  enrolmentId: 'EE3-NPQ-001',
  trn: '2000002',
  schoolUrn: '100002',
  hubId: 'EE3',
  course: 'NPQSENCO',
  cohort: 2025,
  ...over,
});

type Errors = { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] | undefined;

describe('teaching-school-hubs mutations', () => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startTestSubgraph(teachingSchoolHubs, fixtureFolder());
  });
  afterAll(() => sg?.close());

  const run = (query: string, variables: Record<string, unknown>, who: Identity | null) => graphql<Record<string, unknown>>(sg.url, query, variables, who);

  /** The write must fail with `code` (and, for bad input, name `field`), answer null and leave every table as it was. */
  const refused = async (query: string, variables: Record<string, unknown>, who: Identity | null, code: string, field?: string) => {
    const before = await databaseState(sg);
    const res = await run(query, variables, who);
    expect(res.errors?.[0].extensions?.code).toBe(code);
    if (field) expect(res.errors?.[0].extensions?.field).toBe(field);
    expect(Object.values(res.data ?? {})).toEqual(Object.values(res.data ?? {}).map(() => null));
    expect(await databaseState(sg)).toEqual(before);
    return res.errors as NonNullable<Errors>;
  };

  const auditLog = async (who: Identity | null, variables: Record<string, unknown> = {}) => {
    const res = await run(AUDIT, variables, who);
    expect(res.errors).toBeUndefined();
    return res.data!.teachingSchoolHubsAuditLog as Record<string, unknown>[];
  };

  describe('startEctInduction', () => {
    test('a hub’s staff start an induction of their hub: written with its audit entry', async () => {
      const before = await rowCounts(sg);
      const res = await run(START, { input: induction() }, WHO.ee3Staff);
      expect(res.errors).toBeUndefined();
      expect(res.data!.startEctInduction).toEqual({
        id: 'EE3-2025-001',
        status: 'IN_PROGRESS',
        startedOn: '2025-09-01',
        finishedOn: null,
        academicYear: 2025,
        trainingProgramme: 'PROVIDER_LED',
        teacher: { trn: '1000101' },
        mentor: { trn: '2000001' },
        school: { urn: '100001' },
        appropriateBody: { id: 'EE3' },
      });
      expect(await rowCounts(sg)).toEqual({ ...before, ect_induction: before.ect_induction + 1, audit_entry: before.audit_entry + 1 });
      const [entry] = await auditLog(WHO.ee3Staff, { first: 1 });
      expect(entry).toMatchObject({
        actorSubject: 'staff-of-tsh:EE3',
        actorOrganisation: 'tsh:EE3',
        actorRoles: ['ORG_STAFF'],
        source: 'GRAPHQL',
        operation: 'startEctInduction',
        entityType: 'EctInduction',
        entityId: 'EE3-2025-001',
        organisation: 'tsh:EE3',
        before: null,
      });
      expect(new Date(entry.at as string).toISOString()).toBe(entry.at);
      expect(JSON.parse(entry.after as string)).toEqual({
        id: 'EE3-2025-001',
        trn: '1000101',
        schoolUrn: '100001',
        hubId: 'EE3',
        academicYear: 2025,
        trainingProgramme: 'PROVIDER_LED',
        status: 'IN_PROGRESS',
        startedOn: '2025-09-01',
        finishedOn: null,
        mentorTrn: '2000001',
      });
    });

    test('a retry with the same data returns the same induction without a second change or audit entry', async () => {
      const before = await databaseState(sg);
      const res = await run(START, { input: induction() }, WHO.ee3Staff);
      expect(res.errors).toBeUndefined();
      expect(res.data!.startEctInduction).toMatchObject({ id: 'EE3-2025-001', status: 'IN_PROGRESS' });
      expect(await databaseState(sg)).toEqual(before);
    });

    test('two identical starts at once write one induction and one audit entry, and both return it', async () => {
      const before = await rowCounts(sg);
      const input = induction({ inductionId: 'EE3-2025-RACE' });
      const results = await Promise.all([run(START, { input }, WHO.ee3Staff), run(START, { input }, WHO.ee3Staff)]);
      for (const res of results) {
        expect(res.errors).toBeUndefined();
        expect(res.data!.startEctInduction).toMatchObject({ id: 'EE3-2025-RACE' });
      }
      expect(await rowCounts(sg)).toEqual({ ...before, ect_induction: before.ect_induction + 1, audit_entry: before.audit_entry + 1 });
    });

    test('the same id with different data is refused, naming the differing fields', async () => {
      const [error] = await refused(START, { input: induction({ trn: '1000102', startedOn: '2025-09-02' }) }, WHO.ee3Staff, 'BAD_USER_INPUT', 'input.trn');
      expect((error.extensions!.problems as { field: string }[]).map((p) => p.field)).toEqual(['input.trn', 'input.startedOn']);
    });

    test.each([
      ['a malformed TRN', { trn: '123' }, 'input.trn'],
      ['a malformed school URN', { schoolUrn: '10A001' }, 'input.schoolUrn'],
      ['a date that does not exist', { startedOn: '2025-02-30' }, 'input.startedOn'],
      ['a malformed date', { startedOn: '01/09/2025' }, 'input.startedOn'],
      ['an academic year not named by its starting year', { academicYear: 25 }, 'input.academicYear'],
      ['a malformed mentor TRN', { mentorTrn: '20000011' }, 'input.mentorTrn'],
      ['the ECT as their own mentor', { mentorTrn: '1000101', inductionId: 'EE3-2025-002' }, 'input.mentorTrn'],
      ['an empty id', { inductionId: ' ' }, 'input.inductionId'],
      ['an id longer than its column', { inductionId: 'x'.repeat(256) }, 'input.inductionId'],
    ])('rejects %s with BAD_USER_INPUT on its field, changing nothing', (_, over, field) =>
      refused(START, { input: induction({ inductionId: 'EE3-2025-009', ...over }) }, WHO.ee3Staff, 'BAD_USER_INPUT', field));

    test('lists every problem of an input together', async () => {
      const [error] = await refused(START, { input: induction({ trn: '1', schoolUrn: 'x', startedOn: 'today' }) }, WHO.ee3Staff, 'BAD_USER_INPUT', 'input.trn');
      expect((error.extensions!.problems as { field: string }[]).map((p) => p.field)).toEqual(['input.trn', 'input.schoolUrn', 'input.startedOn']);
    });

    test('rejects an unknown training programme (an enum value) with BAD_USER_INPUT naming the field', async () => {
      const errors = await refused(START, { input: induction({ trainingProgramme: 'UNIVERSITY_LED' }) }, WHO.ee3Staff, 'BAD_USER_INPUT');
      expect(errors[0].message).toContain('input.trainingProgramme');
    });

    test('rejects a hub this subgraph does not hold', () =>
      refused(START, { input: induction({ inductionId: 'ZZ9-1', hubId: 'ZZ9' }) }, WHO.admin, 'BAD_USER_INPUT', 'input.hubId'));

    test('refuses another hub’s staff, SCITT staff, analysts and anonymous callers, changing nothing', async () => {
      await refused(START, { input: induction({ inductionId: 'EE3-2025-010' }) }, WHO.ee2Staff, 'FORBIDDEN');
      await refused(START, { input: induction({ inductionId: 'EE3-2025-010' }) }, WHO.scittStaff, 'FORBIDDEN');
      await refused(START, { input: induction({ inductionId: 'EE3-2025-010' }) }, WHO.analystG, 'FORBIDDEN');
      await refused(START, { input: induction({ inductionId: 'EE3-2025-010' }) }, WHO.national, 'FORBIDDEN');
      await refused(START, { input: induction({ inductionId: 'EE3-2025-010' }) }, WHO.anonymous, 'UNAUTHENTICATED');
    });

    test('refuses a hub’s staff reusing the id of another hub’s induction', () =>
      // I2 belongs to EE2: EE3's staff may neither overwrite it nor learn its data
      refused(START, { input: induction({ inductionId: 'I2', hubId: 'EE3' }) }, WHO.ee3Staff, 'FORBIDDEN'));

    test('an administrator starts an induction for any hub, recorded as the administrator', async () => {
      const res = await run(START, { input: induction({ inductionId: 'NE1-2025-001', hubId: 'NE1', schoolUrn: '100005', mentorTrn: null }) }, WHO.admin);
      expect(res.errors).toBeUndefined();
      expect(res.data!.startEctInduction).toMatchObject({ id: 'NE1-2025-001', appropriateBody: { id: 'NE1' }, mentor: null });
      const [entry] = await auditLog(WHO.admin, { first: 1 });
      expect(entry).toMatchObject({ actorSubject: 'test-admin', actorOrganisation: null, actorRoles: ['ADMIN'], organisation: 'tsh:NE1', entityId: 'NE1-2025-001' });
    });
  });

  describe('recordInductionOutcome', () => {
    test('records a pass with its last day, with before and after in the audit trail', async () => {
      const before = await rowCounts(sg);
      const res = await run(OUTCOME, { id: 'I1', status: 'PASSED', finishedOn: '2026-07-17' }, WHO.ee3Staff);
      expect(res.errors).toBeUndefined();
      expect(res.data!.recordInductionOutcome).toEqual({ id: 'I1', status: 'PASSED', startedOn: '2024-09-02', finishedOn: '2026-07-17' });
      expect(await rowCounts(sg)).toEqual({ ...before, audit_entry: before.audit_entry + 1 });
      const [entry] = await auditLog(WHO.ee3Staff, { first: 1, entityType: 'EctInduction' });
      expect(entry).toMatchObject({ operation: 'recordInductionOutcome', entityId: 'I1', organisation: 'tsh:EE3' });
      expect(JSON.parse(entry.before as string)).toMatchObject({ status: 'IN_PROGRESS', finishedOn: null });
      expect(JSON.parse(entry.after as string)).toMatchObject({ status: 'PASSED', finishedOn: '2026-07-17' });
    });

    test('recording the same outcome again changes nothing', async () => {
      const before = await databaseState(sg);
      const res = await run(OUTCOME, { id: 'I1', status: 'PASSED', finishedOn: '2026-07-17' }, WHO.ee3Staff);
      expect(res.errors).toBeUndefined();
      expect(res.data!.recordInductionOutcome).toMatchObject({ status: 'PASSED', finishedOn: '2026-07-17' });
      expect(await databaseState(sg)).toEqual(before);
    });

    test.each([
      ['a pass without its last day', { status: 'PASSED' }, 'finishedOn'],
      ['a withdrawal without its last day', { status: 'WITHDRAWN', finishedOn: null }, 'finishedOn'],
      ['a last day before the first', { status: 'FAILED', finishedOn: '2024-09-01' }, 'finishedOn'],
      ['a last day for an induction still in progress', { status: 'EXTENDED', finishedOn: '2026-07-17' }, 'finishedOn'],
      ['a malformed date', { status: 'PASSED', finishedOn: '2026-13-01' }, 'finishedOn'],
      ['an unknown induction', { id: 'NOPE', status: 'PASSED', finishedOn: '2026-07-17' }, 'id'],
    ])('rejects %s with BAD_USER_INPUT on its field, changing nothing', (_, over, field) =>
      refused(OUTCOME, { id: 'I3', ...over }, WHO.ee3Staff, 'BAD_USER_INPUT', field));

    test('rejects an unknown status', async () => {
      const errors = await refused(OUTCOME, { id: 'I3', status: 'QUALIFIED' }, WHO.ee3Staff, 'BAD_USER_INPUT');
      expect(errors[0].message).toContain('QUALIFIED');
    });

    test('refuses another hub’s staff, SCITT staff, analysts and anonymous callers, changing nothing', async () => {
      const vars = { id: 'I3', status: 'WITHDRAWN', finishedOn: '2025-01-31' };
      await refused(OUTCOME, vars, WHO.ee2Staff, 'FORBIDDEN');
      await refused(OUTCOME, vars, WHO.scittStaff, 'FORBIDDEN');
      await refused(OUTCOME, vars, WHO.analystG, 'FORBIDDEN');
      await refused(OUTCOME, vars, WHO.national, 'FORBIDDEN');
      await refused(OUTCOME, vars, WHO.anonymous, 'UNAUTHENTICATED');
    });

    test('an outcome may be corrected: back in progress clears the last day', async () => {
      const res = await run(OUTCOME, { id: 'I1', status: 'IN_PROGRESS' }, WHO.admin);
      expect(res.errors).toBeUndefined();
      expect(res.data!.recordInductionOutcome).toEqual({ id: 'I1', status: 'IN_PROGRESS', startedOn: '2024-09-02', finishedOn: null });
    });
  });

  describe('enrolNpq', () => {
    test('a hub’s staff enrol a teacher (ACTIVE by default), with its audit entry', async () => {
      const before = await rowCounts(sg);
      const res = await run(ENROL, { input: enrolment() }, WHO.ee3Staff);
      expect(res.errors).toBeUndefined();
      expect(res.data!.enrolNpq).toEqual({ id: 'EE3-NPQ-001', status: 'ACTIVE', course: 'NPQSENCO', cohort: 2025, teacher: { trn: '2000002' }, school: { urn: '100002' }, hub: { id: 'EE3' } });
      expect(await rowCounts(sg)).toEqual({ ...before, npq_enrolment: before.npq_enrolment + 1, audit_entry: before.audit_entry + 1 });
      const [entry] = await auditLog(WHO.ee3Staff, { first: 1 });
      expect(entry).toMatchObject({ operation: 'enrolNpq', entityType: 'NpqEnrolment', entityId: 'EE3-NPQ-001', organisation: 'tsh:EE3', before: null });
      expect(JSON.parse(entry.after as string)).toEqual({ id: 'EE3-NPQ-001', trn: '2000002', schoolUrn: '100002', hubId: 'EE3', course: 'NPQSENCO', cohort: 2025, status: 'ACTIVE' });
    });

    test('a retry returns the same enrolment, even after its status moved on; different data is refused', async () => {
      expect((await run(NPQ_OUTCOME, { id: 'EE3-NPQ-001', status: 'DEFERRED' }, WHO.ee3Staff)).errors).toBeUndefined();
      const before = await databaseState(sg);
      const res = await run(ENROL, { input: enrolment() }, WHO.ee3Staff);
      expect(res.errors).toBeUndefined();
      expect(res.data!.enrolNpq).toMatchObject({ id: 'EE3-NPQ-001', status: 'DEFERRED' });
      expect(await databaseState(sg)).toEqual(before);
      await refused(ENROL, { input: enrolment({ cohort: 2026 }) }, WHO.ee3Staff, 'BAD_USER_INPUT', 'input.cohort');
    });

    test.each([
      ['a malformed TRN', { trn: '20000O2' }, 'input.trn'],
      ['a malformed school URN', { schoolUrn: '1234' }, 'input.schoolUrn'],
      ['a malformed cohort', { cohort: 1900 }, 'input.cohort'],
    ])('rejects %s with BAD_USER_INPUT on its field, changing nothing', (_, over, field) =>
      refused(ENROL, { input: enrolment({ enrolmentId: 'EE3-NPQ-009', ...over }) }, WHO.ee3Staff, 'BAD_USER_INPUT', field));

    test('rejects an unknown course, and a hub this subgraph does not hold', async () => {
      const errors = await refused(ENROL, { input: enrolment({ enrolmentId: 'EE3-NPQ-009', course: 'NPQXX' }) }, WHO.ee3Staff, 'BAD_USER_INPUT');
      expect(errors[0].message).toContain('input.course');
      await refused(ENROL, { input: enrolment({ enrolmentId: 'X-1', hubId: 'SW99' }) }, WHO.admin, 'BAD_USER_INPUT', 'input.hubId');
    });

    test('refuses another hub’s staff, analysts and anonymous callers, changing nothing', async () => {
      const input = enrolment({ enrolmentId: 'EE3-NPQ-010' });
      await refused(ENROL, { input }, WHO.ee2Staff, 'FORBIDDEN');
      await refused(ENROL, { input }, WHO.analystA, 'FORBIDDEN');
      await refused(ENROL, { input }, WHO.national, 'FORBIDDEN');
      await refused(ENROL, { input }, WHO.anonymous, 'UNAUTHENTICATED');
      await refused(ENROL, { input: enrolment({ enrolmentId: 'N2' }) }, WHO.ee3Staff, 'FORBIDDEN');
    });
  });

  describe('recordNpqOutcome', () => {
    test('records a status once; repeating it changes nothing', async () => {
      const before = await rowCounts(sg);
      const res = await run(NPQ_OUTCOME, { id: 'N2', status: 'WITHDRAWN' }, WHO.ee2Staff);
      expect(res.errors).toBeUndefined();
      expect(res.data!.recordNpqOutcome).toEqual({ id: 'N2', status: 'WITHDRAWN' });
      expect(await rowCounts(sg)).toEqual({ ...before, audit_entry: before.audit_entry + 1 });
      const [entry] = await auditLog(WHO.ee2Staff, { first: 1 });
      expect(entry).toMatchObject({ operation: 'recordNpqOutcome', entityId: 'N2', organisation: 'tsh:EE2', actorOrganisation: 'tsh:EE2' });
      expect([JSON.parse(entry.before as string).status, JSON.parse(entry.after as string).status]).toEqual(['ACTIVE', 'WITHDRAWN']);
      const state = await databaseState(sg);
      expect((await run(NPQ_OUTCOME, { id: 'N2', status: 'WITHDRAWN' }, WHO.ee2Staff)).errors).toBeUndefined();
      expect(await databaseState(sg)).toEqual(state);
    });

    test('rejects an unknown enrolment and status; refuses other organisations and anonymous callers', async () => {
      await refused(NPQ_OUTCOME, { id: 'NOPE', status: 'PASSED' }, WHO.ee2Staff, 'BAD_USER_INPUT', 'id');
      await refused(NPQ_OUTCOME, { id: 'N2', status: 'GRADUATED' }, WHO.ee2Staff, 'BAD_USER_INPUT');
      await refused(NPQ_OUTCOME, { id: 'N2', status: 'PASSED' }, WHO.ee3Staff, 'FORBIDDEN');
      await refused(NPQ_OUTCOME, { id: 'N2', status: 'PASSED' }, WHO.scittStaff, 'FORBIDDEN');
      await refused(NPQ_OUTCOME, { id: 'N2', status: 'PASSED' }, WHO.national, 'FORBIDDEN');
      await refused(NPQ_OUTCOME, { id: 'N2', status: 'PASSED' }, WHO.anonymous, 'UNAUTHENTICATED');
    });
  });

  describe('teachingSchoolHubsAuditLog', () => {
    test('staff read their own hub’s entries, administrators every entry (bulk loads too), newest first', async () => {
      const all = await auditLog(WHO.admin, { first: 500 });
      const ids = all.map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(all.some((e) => e.source === 'IMPORT' && e.organisation === null)).toBe(true);
      expect(new Set(all.map((e) => e.organisation))).toEqual(new Set([null, 'tsh:EE3', 'tsh:EE2', 'tsh:NE1']));
      const ee3 = await auditLog(WHO.ee3Staff, { first: 500 });
      expect(ee3.length).toBeGreaterThan(0);
      expect(ee3).toEqual(all.filter((e) => e.organisation === 'tsh:EE3'));
      expect(await auditLog(WHO.ee3Staff, { first: 500, entityType: 'NpqEnrolment' })).toEqual(ee3.filter((e) => e.entityType === 'NpqEnrolment'));
      expect(await auditLog(WHO.scittStaff)).toEqual([]);
    });

    test('refuses analysts and anonymous callers; rejects a page size out of range', async () => {
      for (const [who, code] of [
        [WHO.national, 'FORBIDDEN'],
        [WHO.analystG, 'FORBIDDEN'],
        [WHO.anonymous, 'UNAUTHENTICATED'],
      ] as const) {
        const res = await run(AUDIT, {}, who);
        expect(res.data).toEqual({ teachingSchoolHubsAuditLog: null });
        expect(res.errors?.[0]).toMatchObject({ path: ['teachingSchoolHubsAuditLog'], extensions: { code } });
      }
      const res = await run(AUDIT, { first: 0 }, WHO.admin);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    });
  });
});
