import { type TestSubgraph, graphql, startTestSubgraph } from '../../../test/support/subgraph-harness.ts';
import { scitts } from './index.ts';
import { CALLERS, type Caller, fingerprint, fixtureFolder, rowCount } from './testing/fixture.ts';

type Result = Awaited<ReturnType<typeof graphql<Record<string, unknown>>>>;

const TRAINEE_FIELDS = 'id status route phase subject academicYear award awardedOn teacher { trn } scitt { id }';
const REGISTER = `mutation($input: RegisterTraineeInput!) { registerTrainee(input: $input) { ${TRAINEE_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateTraineeInput!) { updateTrainee(id: $id, input: $input) { ${TRAINEE_FIELDS} } }`;
const AWARD = `mutation($id: ID!, $awardedOn: String!, $trn: String) { recordTraineeAward(id: $id, awardedOn: $awardedOn, trn: $trn) { ${TRAINEE_FIELDS} } }`;
const status = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { id status } }`;
const PLACEMENT_FIELDS = 'id startedOn endedOn school { urn } trainee { id }';
const ADD_PLACEMENT = `mutation($input: AddPlacementInput!) { addPlacement(input: $input) { ${PLACEMENT_FIELDS} } }`;
const END_PLACEMENT = `mutation($id: ID!, $endedOn: String!) { endPlacement(id: $id, endedOn: $endedOn) { ${PLACEMENT_FIELDS} } }`;
const REMOVE_PLACEMENT = `mutation($id: ID!) { removePlacement(id: $id) { ${PLACEMENT_FIELDS} } }`;
const AUDIT_LOG = `query($first: Int, $entityType: String) { scittsAuditLog(first: $first, entityType: $entityType) {
  id at actorSubject actorOrganisation actorRoles source operation entityType entityId organisation before after } }`;

/** A new secondary physics trainee of SCITT 70245. */
const NEW = { traineeId: 'N1', scittId: '70245', trn: '7654321', route: 'PROVIDER_LED_POSTGRAD', phase: 'SECONDARY', subject: '100425', academicYear: 2025 };

/** Writes through the subgraph's mutations, each caller as the gateway would sign it. */
describe('scitts mutations', () => {
  let sg: TestSubgraph;
  beforeAll(async () => {
    sg = await startTestSubgraph(scitts, fixtureFolder());
  });
  afterAll(() => sg?.close());

  const run = (caller: Caller, query: string, variables: Record<string, unknown>) => graphql(sg.url, query, variables, CALLERS[caller]);

  /** Runs a write that must be refused (or be a repeat): every table, the audit trail included, is the same after. */
  async function unchanged(caller: Caller, query: string, variables: Record<string, unknown>): Promise<Result> {
    const before = await fingerprint(sg.orm);
    const res = await run(caller, query, variables);
    expect(await fingerprint(sg.orm)).toEqual(before);
    return res;
  }

  /** A refused write: nothing changed, null data, one error of this code (and for BAD_USER_INPUT, the field path). */
  async function refused(caller: Caller, query: string, variables: Record<string, unknown>, code: string, field?: string): Promise<Result> {
    const res = await unchanged(caller, query, variables);
    expect(Object.values(res.data ?? {})).toEqual([null]);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions?.code).toBe(code);
    if (field) expect(res.errors![0].extensions?.field).toBe(field);
    return res;
  }

  /** A write that changes something: exactly one new audit entry. */
  async function changes<T>(caller: Caller, query: string, variables: Record<string, unknown>): Promise<T> {
    const entries = await rowCount(sg.orm, 'audit_entry');
    const res = await run(caller, query, variables);
    expect(res.errors).toBeUndefined();
    expect(await rowCount(sg.orm, 'audit_entry')).toBe(entries + 1);
    return Object.values(res.data!)[0] as T;
  }

  /** The newest audit entry an administrator sees, with its JSON parsed. */
  async function lastEntry() {
    const res = await run('admin', AUDIT_LOG, { first: 1 });
    const [entry] = res.data!.scittsAuditLog as Record<string, unknown>[];
    return { ...entry, at: entry.at as string, before: entry.before === null ? null : JSON.parse(entry.before as string), after: entry.after === null ? null : JSON.parse(entry.after as string) };
  }

  describe('registerTrainee', () => {
    test('registers a trainee in training, with an audit entry of who, when and what', async () => {
      const trainee = await changes('staffOf70245', REGISTER, { input: NEW });
      expect(trainee).toEqual({
        id: 'N1',
        status: 'IN_TRAINING',
        route: 'PROVIDER_LED_POSTGRAD',
        phase: 'SECONDARY',
        subject: '100425',
        academicYear: 2025,
        award: null,
        awardedOn: null,
        teacher: { trn: '7654321' },
        scitt: { id: '70245' },
      });
      const entry = await lastEntry();
      expect(entry).toMatchObject({
        actorSubject: 'staff-70245',
        actorOrganisation: 'scitt:70245',
        actorRoles: ['ORG_STAFF'],
        source: 'GRAPHQL',
        operation: 'registerTrainee',
        entityType: 'Trainee',
        entityId: 'N1',
        organisation: 'scitt:70245',
        before: null,
        after: { traineeId: 'N1', scittId: '70245', trn: '7654321', route: 'PROVIDER_LED_POSTGRAD', phase: 'SECONDARY', subject: '100425', academicYear: 2025, status: 'IN_TRAINING', awardedOn: null },
      });
      expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
    });

    test('a retry returns the same trainee without a second change; leaving out the TRN is still the same trainee', async () => {
      const res = await unchanged('staffOf70245', REGISTER, { input: NEW });
      expect(res.errors).toBeUndefined();
      expect(res.data!.registerTrainee).toMatchObject({ id: 'N1', status: 'IN_TRAINING', teacher: { trn: '7654321' } });
      const withoutTrn = await unchanged('staffOf70245', REGISTER, { input: { ...NEW, trn: null } });
      expect(withoutTrn.errors).toBeUndefined();
    });

    test('concurrent retries of a new registration make one trainee and one audit entry', async () => {
      const entries = await rowCount(sg.orm, 'audit_entry');
      const input = { ...NEW, traineeId: 'N3', trn: null };
      const results = await Promise.all([1, 2, 3, 4, 5, 6].map(() => run('staffOf70245', REGISTER, { input })));
      for (const res of results) expect(res).toEqual({ data: { registerTrainee: expect.objectContaining({ id: 'N3', status: 'IN_TRAINING' }) } });
      expect(await rowCount(sg.orm, 'audit_entry')).toBe(entries + 1);
    });

    test('the same id with different data is refused, naming the fields', async () => {
      const res = await refused('staffOf70245', REGISTER, { input: { ...NEW, route: 'SCHOOL_DIRECT_SALARIED', academicYear: 2024 } }, 'BAD_USER_INPUT', 'input.route');
      expect((res.errors![0].extensions!.problems as { field: string }[]).map((p) => p.field)).toEqual(['input.route', 'input.academicYear']);
    });

    test.each([
      ['a malformed TRN', { trn: '12345' }, 'input.trn'],
      ['a malformed HECoS code', { subject: '1004' }, 'input.subject'],
      ['a SECONDARY course without a subject', { subject: null }, 'input.subject'],
      ['an early-years route with another phase', { route: 'EARLY_YEARS_SALARIED', phase: 'PRIMARY', subject: null }, 'input.phase'],
      ['an academic year out of range', { academicYear: 1800 }, 'input.academicYear'],
      ['an empty trainee id', { traineeId: '' }, 'input.traineeId'],
      ['a SCITT not held here', { scittId: '99999' }, 'input.scittId'],
    ])('rejects %s with BAD_USER_INPUT on the field, changing nothing', async (_name, change, field) => {
      await refused('admin', REGISTER, { input: { ...NEW, traineeId: 'N9', ...change } }, 'BAD_USER_INPUT', field);
    });

    test('lists every malformed field at once', async () => {
      const res = await refused('staffOf70245', REGISTER, { input: { ...NEW, traineeId: 'N9', trn: 'x', subject: 'y' } }, 'BAD_USER_INPUT', 'input.trn');
      expect(res.errors![0].extensions!.problems).toEqual([
        { field: 'input.trn', reason: 'malformed TRN "x" (expected 7 digits)' },
        { field: 'input.subject', reason: 'malformed HECoS code "y" (expected 6 digits)' },
      ]);
    });

    test('rejects an unknown enum value with BAD_USER_INPUT naming the field, changing nothing', async () => {
      const res = await unchanged('staffOf70245', REGISTER, { input: { ...NEW, traineeId: 'N9', route: 'FLYING' } });
      expect(res.data).toBeUndefined();
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toContain('input.route');
    });

    test.each([
      ['anonymous', 'UNAUTHENTICATED'],
      ['staffOf70300', 'FORBIDDEN'],
      ['hubStaff', 'FORBIDDEN'],
      ['analystOfA', 'FORBIDDEN'],
      ['nationalAnalyst', 'FORBIDDEN'],
    ] as const)('refuses %s (%s), changing nothing', async (caller, code) => {
      await refused(caller, REGISTER, { input: { ...NEW, traineeId: 'N9' } }, code);
      // Another SCITT's staff may not take over an existing id either.
      await refused(caller, REGISTER, { input: { ...NEW, scittId: '70300' } }, code);
    });

    test('an administrator registers for any SCITT', async () => {
      const trainee = await changes<{ scitt: { id: string } }>('admin', REGISTER, {
        input: { traineeId: 'N2', scittId: '70300', route: 'EARLY_YEARS_POSTGRAD', phase: 'EARLY_YEARS', academicYear: 2025 },
      });
      expect(trainee.scitt).toEqual({ id: '70300' });
      expect(await lastEntry()).toMatchObject({ actorSubject: 'admin', actorOrganisation: null, actorRoles: ['ADMIN'], organisation: 'scitt:70300' });
    });
  });

  describe('updateTrainee', () => {
    test('changes the fields given, recording before and after', async () => {
      const trainee = await changes('staffOf70245', UPDATE, { id: 'N1', input: { subject: '100403' } });
      expect(trainee).toMatchObject({ id: 'N1', subject: '100403', phase: 'SECONDARY', teacher: { trn: '7654321' } });
      const entry = await lastEntry();
      expect(entry).toMatchObject({ operation: 'updateTrainee', entityId: 'N1', before: { subject: '100425' }, after: { subject: '100403' } });
    });

    test('a repeat, or a change to the same values, changes nothing', async () => {
      expect((await unchanged('staffOf70245', UPDATE, { id: 'N1', input: { subject: '100403' } })).errors).toBeUndefined();
      expect((await unchanged('staffOf70245', UPDATE, { id: 'N1', input: {} })).errors).toBeUndefined();
    });

    test.each([
      ['clearing the subject of a SECONDARY course', { subject: null }, 'input.subject'],
      ['SECONDARY with an empty subject', { phase: 'SECONDARY', subject: '' }, 'input.subject'],
      ['an early-years route on a SECONDARY course', { route: 'EARLY_YEARS_POSTGRAD' }, 'input.phase'],
      ['clearing the route', { route: null }, 'input.route'],
      ['a malformed TRN', { trn: '765432' }, 'input.trn'],
      ['a malformed HECoS code', { subject: 'maths' }, 'input.subject'],
    ])('rejects %s', async (_name, input, field) => {
      await refused('staffOf70245', UPDATE, { id: 'N1', input }, 'BAD_USER_INPUT', field);
    });

    test('an awarded trainee keeps a TRN', async () => {
      await refused('staffOf70245', UPDATE, { id: 'T2', input: { trn: null } }, 'BAD_USER_INPUT', 'input.trn');
    });

    test('an unknown trainee is BAD_USER_INPUT on id', async () => {
      await refused('staffOf70245', UPDATE, { id: 'nope', input: { subject: '100403' } }, 'BAD_USER_INPUT', 'id');
    });

    test.each([
      ['anonymous', 'UNAUTHENTICATED'],
      ['staffOf70300', 'FORBIDDEN'],
      ['analystOfA', 'FORBIDDEN'],
    ] as const)('refuses %s (%s)', async (caller, code) => {
      await refused(caller, UPDATE, { id: 'N1', input: { subject: '100366' } }, code);
    });
  });

  describe('recordTraineeAward', () => {
    test('needs a TRN when the trainee holds none', async () => {
      await refused('staffOf70245', AWARD, { id: 'T4', awardedOn: '2024-07-05' }, 'BAD_USER_INPUT', 'trn');
    });

    test.each([
      ['a malformed date', { awardedOn: '2024-02-30', trn: '4567890' }, 'awardedOn'],
      ['a malformed TRN', { awardedOn: '2024-07-05', trn: '45678901' }, 'trn'],
    ])('rejects %s', async (_name, args, field) => {
      await refused('staffOf70245', AWARD, { id: 'T4', ...args }, 'BAD_USER_INPUT', field);
    });

    test('is refused to another SCITT’s staff', async () => {
      await refused('staffOf70300', AWARD, { id: 'T4', awardedOn: '2024-07-05', trn: '4567890' }, 'FORBIDDEN');
    });

    test('awards QTS and records the TRN', async () => {
      const trainee = await changes('staffOf70245', AWARD, { id: 'T4', awardedOn: '2024-07-05', trn: '4567890' });
      expect(trainee).toMatchObject({ id: 'T4', status: 'AWARDED', award: 'QTS', awardedOn: '2024-07-05', teacher: { trn: '4567890' } });
      expect(await lastEntry()).toMatchObject({
        operation: 'recordTraineeAward',
        before: { status: 'IN_TRAINING', trn: null, awardedOn: null },
        after: { status: 'AWARDED', trn: '4567890', awardedOn: '2024-07-05' },
      });
    });

    test('a repeat with the same day is a no-op; another day or TRN is refused', async () => {
      expect((await unchanged('staffOf70245', AWARD, { id: 'T4', awardedOn: '2024-07-05', trn: '4567890' })).errors).toBeUndefined();
      expect((await unchanged('staffOf70245', AWARD, { id: 'T4', awardedOn: '2024-07-05' })).errors).toBeUndefined();
      await refused('staffOf70245', AWARD, { id: 'T4', awardedOn: '2024-07-06' }, 'BAD_USER_INPUT', 'awardedOn');
      await refused('staffOf70245', AWARD, { id: 'T4', awardedOn: '2024-07-05', trn: '1111111' }, 'BAD_USER_INPUT', 'trn');
    });

    test('a withdrawn trainee cannot be awarded', async () => {
      await refused('staffOf70245', AWARD, { id: 'T3', awardedOn: '2024-07-05', trn: '4567890' }, 'BAD_USER_INPUT', 'id');
    });

    test('gives a trainee awarded (by a load) without a TRN the TRN, once', async () => {
      await changes('staffOf70245', AWARD, { id: 'T7', awardedOn: '2024-07-03', trn: '5678901' });
      expect((await unchanged('staffOf70245', AWARD, { id: 'T7', awardedOn: '2024-07-03', trn: '5678901' })).errors).toBeUndefined();
    });
  });

  describe('withdrawTrainee, deferTrainee, resumeTrainee', () => {
    test('move a trainee between statuses; each repeat is a no-op', async () => {
      expect(await changes('staffOf70245', status('resumeTrainee'), { id: 'T5' })).toEqual({ id: 'T5', status: 'IN_TRAINING' });
      expect((await unchanged('staffOf70245', status('resumeTrainee'), { id: 'T5' })).data).toEqual({ resumeTrainee: { id: 'T5', status: 'IN_TRAINING' } });
      expect(await changes('staffOf70245', status('deferTrainee'), { id: 'T5' })).toEqual({ id: 'T5', status: 'DEFERRED' });
      expect((await unchanged('staffOf70245', status('deferTrainee'), { id: 'T5' })).data).toEqual({ deferTrainee: { id: 'T5', status: 'DEFERRED' } });
      expect(await changes('staffOf70245', status('withdrawTrainee'), { id: 'T5' })).toEqual({ id: 'T5', status: 'WITHDRAWN' });
      expect((await unchanged('staffOf70245', status('withdrawTrainee'), { id: 'T5' })).data).toEqual({ withdrawTrainee: { id: 'T5', status: 'WITHDRAWN' } });
      expect(await lastEntry()).toMatchObject({ operation: 'withdrawTrainee', entityId: 'T5', before: { status: 'DEFERRED' }, after: { status: 'WITHDRAWN' } });
    });

    test.each([
      ['resumeTrainee', 'T5'],
      ['deferTrainee', 'T5'],
      ['withdrawTrainee', 'T1'],
      ['deferTrainee', 'T1'],
      ['resumeTrainee', 'T1'],
    ])('%s of %s is refused in its status', async (name, id) => {
      await refused('staffOf70245', status(name), { id }, 'BAD_USER_INPUT', 'id');
    });

    test.each([
      ['anonymous', 'UNAUTHENTICATED'],
      ['staffOf70300', 'FORBIDDEN'],
      ['nationalAnalyst', 'FORBIDDEN'],
    ] as const)('refuses %s (%s)', async (caller, code) => {
      await refused(caller, status('withdrawTrainee'), { id: 'N1' }, code);
    });
  });

  describe('placements', () => {
    const PLACEMENT = { placementId: 'NP1', traineeId: 'N1', urn: '100002', startedOn: '2025-09-08' };

    test('addPlacement places a trainee; a retry returns the same placement', async () => {
      const placement = await changes('staffOf70245', ADD_PLACEMENT, { input: PLACEMENT });
      expect(placement).toEqual({ id: 'NP1', startedOn: '2025-09-08', endedOn: null, school: { urn: '100002' }, trainee: { id: 'N1' } });
      expect(await lastEntry()).toMatchObject({ operation: 'addPlacement', entityType: 'Placement', entityId: 'NP1', organisation: 'scitt:70245', before: null, after: PLACEMENT });
      expect((await unchanged('staffOf70245', ADD_PLACEMENT, { input: PLACEMENT })).data).toEqual({ addPlacement: placement });
    });

    test.each([
      ['the same id with another school', { urn: '100001' }, 'input.urn'],
      ['a malformed URN', { placementId: 'NP9', urn: '12AB' }, 'input.urn'],
      ['a malformed date', { placementId: 'NP9', startedOn: '2025-9-8' }, 'input.startedOn'],
      ['an end before the start', { placementId: 'NP9', endedOn: '2025-09-01' }, 'input.endedOn'],
      ['a trainee not held here', { placementId: 'NP9', traineeId: 'nobody' }, 'input.traineeId'],
    ])('addPlacement rejects %s', async (_name, change, field) => {
      await refused('admin', ADD_PLACEMENT, { input: { ...PLACEMENT, ...change } }, 'BAD_USER_INPUT', field);
    });

    test.each([
      ['anonymous', 'UNAUTHENTICATED'],
      ['staffOf70300', 'FORBIDDEN'],
      ['analystOfA', 'FORBIDDEN'],
    ] as const)('addPlacement refuses %s (%s)', async (caller, code) => {
      await refused(caller, ADD_PLACEMENT, { input: { ...PLACEMENT, placementId: 'NP9' } }, code);
      await refused(caller, ADD_PLACEMENT, { input: PLACEMENT }, code);
    });

    test('endPlacement checks the day, records it once, and refuses another day after', async () => {
      await refused('staffOf70245', END_PLACEMENT, { id: 'NP1', endedOn: '2025-09-01' }, 'BAD_USER_INPUT', 'endedOn');
      await refused('staffOf70245', END_PLACEMENT, { id: 'NP1', endedOn: '19/12/2025' }, 'BAD_USER_INPUT', 'endedOn');
      await refused('staffOf70300', END_PLACEMENT, { id: 'NP1', endedOn: '2025-12-19' }, 'FORBIDDEN');
      await refused('staffOf70245', END_PLACEMENT, { id: 'NP404', endedOn: '2025-12-19' }, 'BAD_USER_INPUT', 'id');
      expect(await changes('staffOf70245', END_PLACEMENT, { id: 'NP1', endedOn: '2025-12-19' })).toMatchObject({ id: 'NP1', endedOn: '2025-12-19' });
      expect(await lastEntry()).toMatchObject({ operation: 'endPlacement', before: { endedOn: null }, after: { endedOn: '2025-12-19' } });
      expect((await unchanged('staffOf70245', END_PLACEMENT, { id: 'NP1', endedOn: '2025-12-19' })).errors).toBeUndefined();
      await refused('staffOf70245', END_PLACEMENT, { id: 'NP1', endedOn: '2025-12-20' }, 'BAD_USER_INPUT', 'endedOn');
    });

    test('removePlacement removes it and answers with it as it was, also when repeated', async () => {
      await refused('staffOf70300', REMOVE_PLACEMENT, { id: 'NP1' }, 'FORBIDDEN');
      const placements = await rowCount(sg.orm, 'placement');
      const removed = await changes('staffOf70245', REMOVE_PLACEMENT, { id: 'NP1' });
      expect(removed).toEqual({ id: 'NP1', startedOn: '2025-09-08', endedOn: '2025-12-19', school: { urn: '100002' }, trainee: { id: 'N1' } });
      expect(await rowCount(sg.orm, 'placement')).toBe(placements - 1);
      expect(await lastEntry()).toMatchObject({ operation: 'removePlacement', before: { placementId: 'NP1', endedOn: '2025-12-19' }, after: null });
      expect((await unchanged('staffOf70245', REMOVE_PLACEMENT, { id: 'NP1' })).data).toEqual({ removePlacement: removed });
      await refused('staffOf70300', REMOVE_PLACEMENT, { id: 'NP1' }, 'FORBIDDEN');
      await refused('staffOf70245', REMOVE_PLACEMENT, { id: 'NP404' }, 'BAD_USER_INPUT', 'id');
    });
  });

  describe('the audit trail', () => {
    test('a SCITT’s staff read their own SCITT’s entries only, newest first; administrators read all', async () => {
      const own = (await run('staffOf70245', AUDIT_LOG, {})).data!.scittsAuditLog as { id: string; organisation: string; at: string }[];
      expect(own.length).toBeGreaterThan(5);
      expect(new Set(own.map((e) => e.organisation))).toEqual(new Set(['scitt:70245']));
      expect(own.map((e) => Number(e.id))).toEqual(own.map((e) => Number(e.id)).sort((a, b) => b - a));
      const other = (await run('staffOf70300', AUDIT_LOG, {})).data!.scittsAuditLog as { entityId: string; organisation: string }[];
      expect(other).toEqual([expect.objectContaining({ entityId: 'N2', organisation: 'scitt:70300' })]);
      const all = (await run('admin', AUDIT_LOG, { first: 500 })).data!.scittsAuditLog as unknown[];
      expect(all.length).toBe(own.length + other.length + 5); // and the five files of the load (with school-areas.csv)
    });

    test('filters by entity type and pages with first', async () => {
      const placements = (await run('staffOf70245', AUDIT_LOG, { entityType: 'Placement' })).data!.scittsAuditLog as { operation: string }[];
      expect(placements.map((e) => e.operation)).toEqual(['removePlacement', 'endPlacement', 'addPlacement']);
      const two = (await run('staffOf70245', AUDIT_LOG, { first: 2 })).data!.scittsAuditLog as unknown[];
      expect(two).toHaveLength(2);
    });
  });
});
