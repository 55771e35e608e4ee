import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { recordAudit } from '@tdg/kit/audit/record';
import type { Identity } from '@tdg/kit/auth/identity';
import { assertCanWrite, assertWriterOfKind } from '@tdg/kit/auth/write-access';
import { fileOf } from '@tdg/kit/load/spec';
import { asRow, rowProblems, rulesFromColumns } from '@tdg/kit/write/input-rules';
import { writeTransaction } from '@tdg/kit/write/transaction';
import { type InputProblem, badField, badInputProblems, fieldPath, validateArguments, validateInput } from '@tdg/kit/write/validate-input';
import { scittOrganisation } from '../../access.ts';
import type { Context } from '../../context.ts';
import type { MutationResolvers } from '../../generated/resolvers-types.ts';
import { importSpec } from '../../load/import-spec.ts';
import { Scitt } from '../scitt/scitt.entity.ts';
import { Trainee } from './trainee.entity.ts';

const TRAINEES = fileOf(importSpec.files, 'trainees.csv');

/** A trainee as its fields are named in inputs, and in the audit trail. */
interface TraineeRecord {
  readonly traineeId: string;
  readonly scittId: string;
  readonly trn: string | null;
  readonly route: Trainee['route'];
  readonly phase: Trainee['phase'];
  readonly subject: string | null;
  readonly academicYear: number;
  readonly status: Trainee['status'];
  readonly awardedOn: string | null;
}

/** Input field → column of `trainees.csv`. */
const COLUMNS = {
  traineeId: 'trainee_id',
  scittId: 'scitt_id',
  trn: 'trn',
  route: 'route',
  phase: 'phase',
  subject: 'subject',
  academicYear: 'academic_year',
  status: 'status',
  awardedOn: 'awarded_on',
} as const;
const { status: _s, awardedOn: _a, ...REGISTER_COLUMNS } = COLUMNS;
const UPDATE_COLUMNS = { route: COLUMNS.route, phase: COLUMNS.phase, subject: COLUMNS.subject, trn: COLUMNS.trn };
const AWARD_COLUMNS = { awardedOn: COLUMNS.awardedOn, trn: COLUMNS.trn };

const REGISTER_RULES = rulesFromColumns(TRAINEES, REGISTER_COLUMNS);
const UPDATE_RULES = rulesFromColumns(TRAINEES, UPDATE_COLUMNS, []);
const AWARD_RULES = rulesFromColumns(TRAINEES, AWARD_COLUMNS, ['awardedOn']);

const recordOf = (t: Trainee): TraineeRecord => ({
  traineeId: t.id,
  scittId: t.scitt.id,
  trn: t.trn ?? null,
  route: t.route,
  phase: t.phase,
  subject: t.subject ?? null,
  academicYear: t.academicYear,
  status: t.status,
  awardedOn: t.awardedOn ?? null,
});

const sameRecord = (a: TraineeRecord, b: TraineeRecord) => JSON.stringify(a) === JSON.stringify(b);

/** The checks of the load (subject for SECONDARY, early-years routes), over the trainee as it would be, plus: an awarded trainee holds a TRN. */
function traineeProblems(record: TraineeRecord, fields: Record<string, string>, path: string): InputProblem[] {
  const problems = rowProblems(TRAINEES, asRow({ ...record }, COLUMNS), fields, path);
  if (record.status === 'AWARDED' && record.trn === null) {
    problems.push({ field: fieldPath(path, 'trn'), reason: 'a TRN is required once a trainee is awarded' });
  }
  return problems;
}

/** The trainee, locked for this transaction; BAD_USER_INPUT on `id` when unknown. Then the caller must write for its SCITT. */
async function traineeToChange(tx: EntityManager, identity: Identity, id: string): Promise<Trainee> {
  const trainee = await tx.findOne(Trainee, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!trainee) throw badField('id', `no trainee "${id}" is held here`);
  assertCanWrite(identity, scittOrganisation(trainee.scitt.id), `trainee ${id}`);
  return trainee;
}

/** Records the change in the audit trail (same transaction); nothing when nothing changed. */
function audit(tx: EntityManager, identity: Identity, operation: string, before: TraineeRecord | null, after: TraineeRecord): void {
  if (before && sameRecord(before, after)) return;
  recordAudit(tx, identity, 'GRAPHQL', {
    operation,
    entityType: 'Trainee',
    entityId: after.traineeId,
    organisation: scittOrganisation(after.scittId),
    before: before ? { ...before } : null,
    after: { ...after },
  });
}

/** A status change: from one of `from` to `to`; already `to` is a repeat and changes nothing. */
function statusChange(operation: string, from: readonly Trainee['status'][], to: Trainee['status'], verb: string): NonNullable<MutationResolvers['withdrawTrainee']> {
  return (_, { id }, ctx: Context) => {
    const identity = assertWriterOfKind(ctx.identity, 'scitt', `trainee ${id}`);
    return writeTransaction(ctx, async (tx) => {
      const trainee = await traineeToChange(tx, identity, id);
      if (trainee.status === to) return trainee;
      if (!from.includes(trainee.status)) {
        throw badField('id', `trainee ${id} is ${trainee.status}: only a trainee ${from.join(' or ')} can be ${verb}`);
      }
      const before = recordOf(trainee);
      trainee.status = to;
      audit(tx, identity, operation, before, recordOf(trainee));
      return trainee;
    });
  };
}

export const traineeMutations: MutationResolvers = {
  registerTrainee: (_, { input }, ctx) => {
    const identity = assertWriterOfKind(ctx.identity, 'scitt', `trainee ${input.traineeId}`);
    assertCanWrite(identity, scittOrganisation(String(input.scittId)), `the trainees of SCITT ${input.scittId}`);
    const values = validateInput<Record<string, unknown>>(input, REGISTER_RULES, 'input', (v) =>
      rowProblems(TRAINEES, asRow({ ...v, status: 'IN_TRAINING', awardedOn: null }, COLUMNS), REGISTER_COLUMNS, 'input'),
    );
    const wanted: TraineeRecord = {
      traineeId: values.traineeId as string,
      scittId: values.scittId as string,
      trn: (values.trn as string | null | undefined) ?? null,
      route: values.route as Trainee['route'],
      phase: values.phase as Trainee['phase'],
      subject: (values.subject as string | null | undefined) ?? null,
      academicYear: values.academicYear as number,
      status: 'IN_TRAINING',
      awardedOn: null,
    };
    return writeTransaction(ctx, async (tx) => {
      const scitt = await tx.findOne(Scitt, { id: wanted.scittId });
      if (!scitt) throw badField('input.scittId', `no SCITT "${wanted.scittId}" is held here`);
      const existing = await tx.findOne(Trainee, { id: wanted.traineeId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (existing) {
        // A repeat: the same trainee (whatever has happened to it since) unless the data given differs.
        const held = recordOf(existing);
        assertCanWrite(identity, scittOrganisation(held.scittId), `trainee ${held.traineeId}`);
        const conflicts = (['scittId', 'route', 'phase', 'subject', 'academicYear', 'trn'] as const)
          .filter((f) => !(f === 'trn' && wanted.trn === null) && held[f] !== wanted[f])
          .map((f) => ({ field: `input.${f}`, reason: `trainee ${held.traineeId} is already registered with ${f} ${held[f] ?? 'empty'}` }));
        if (conflicts.length > 0) throw badInputProblems(conflicts);
        return existing;
      }
      const { traineeId, scittId: _id, ...fields } = wanted;
      const trainee = tx.create(Trainee, { id: traineeId, scitt, ...fields });
      audit(tx, identity, 'registerTrainee', null, recordOf(trainee));
      return trainee;
    });
  },

  updateTrainee: (_, { id, input }, ctx) => {
    const identity = assertWriterOfKind(ctx.identity, 'scitt', `trainee ${id}`);
    return writeTransaction(ctx, async (tx) => {
      const trainee = await traineeToChange(tx, identity, id);
      const before = recordOf(trainee);
      let after = before;
      validateInput(input, UPDATE_RULES, 'input', (v) => {
        const problems: InputProblem[] = [];
        for (const f of ['route', 'phase'] as const) if (v[f] === null) problems.push({ field: `input.${f}`, reason: `${f} cannot be cleared` });
        const given = Object.fromEntries(Object.entries(v).filter(([, value]) => value !== undefined));
        after = { ...before, ...given };
        return [...problems, ...traineeProblems(after, UPDATE_COLUMNS, 'input')];
      });
      if (sameRecord(before, after)) return trainee;
      Object.assign(trainee, { route: after.route, phase: after.phase, subject: after.subject, trn: after.trn });
      audit(tx, identity, 'updateTrainee', before, recordOf(trainee));
      return trainee;
    });
  },

  recordTraineeAward: (_, args, ctx) => {
    const identity = assertWriterOfKind(ctx.identity, 'scitt', `trainee ${args.id}`);
    return writeTransaction(ctx, async (tx) => {
      const trainee = await traineeToChange(tx, identity, args.id);
      const before = recordOf(trainee);
      const { awardedOn, trn } = validateArguments<{ awardedOn: string; trn?: string | null }>(args, AWARD_RULES, (v) => {
        const given = (v.trn as string | null | undefined) ?? null;
        if (given !== null && before.trn !== null && given !== before.trn) {
          return [{ field: 'trn', reason: `trainee ${before.traineeId} already holds TRN ${before.trn}: change it with updateTrainee` }];
        }
        if (before.status === 'AWARDED') {
          return v.awardedOn === before.awardedOn ? [] : [{ field: 'awardedOn', reason: `trainee ${before.traineeId} was already awarded on ${before.awardedOn}` }];
        }
        if (before.status !== 'IN_TRAINING') return [{ field: 'id', reason: `trainee ${before.traineeId} is ${before.status}: only a trainee IN_TRAINING can be awarded` }];
        return traineeProblems({ ...before, status: 'AWARDED', awardedOn: v.awardedOn as string, trn: given ?? before.trn }, AWARD_COLUMNS, '');
      });
      // A repeat changes nothing, except that it may give the TRN an award loaded without one lacks.
      if (before.status === 'AWARDED' && (trn == null || before.trn !== null)) return trainee;
      Object.assign(trainee, { status: 'AWARDED', awardedOn, trn: trn ?? before.trn });
      audit(tx, identity, 'recordTraineeAward', before, recordOf(trainee));
      return trainee;
    });
  },

  withdrawTrainee: statusChange('withdrawTrainee', ['IN_TRAINING', 'DEFERRED'], 'WITHDRAWN', 'withdrawn'),
  deferTrainee: statusChange('deferTrainee', ['IN_TRAINING'], 'DEFERRED', 'deferred'),
  resumeTrainee: statusChange('resumeTrainee', ['DEFERRED'], 'IN_TRAINING', 'resumed'),
};
