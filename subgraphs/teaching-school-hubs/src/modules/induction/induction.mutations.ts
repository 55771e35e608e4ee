import { recordAudit } from '@tdg/kit/audit/record';
import { assertCanWrite, assertWriterOfKind } from '@tdg/kit/auth/write-access';
import { isoDate, oneOf } from '@tdg/kit/load/fields';
import { conflicts, fileCheck, rulesFromColumns } from '@tdg/kit/write/input-rules';
import { writeTransaction } from '@tdg/kit/write/transaction';
import { badField, badInputProblems, validateArguments, validateInput } from '@tdg/kit/write/validate-input';
import { LockMode } from '@mikro-orm/postgresql';
import { hubOrganisation } from '../../access.ts';
import type { InductionStatus, Resolvers, TrainingProgramme } from '../../generated/resolvers-types.ts';
import { ECT_INDUCTIONS_FILE, recordId } from '../../load/import-spec.ts';
import { TeachingSchoolHub } from '../hub/hub.entity.ts';
import { assertHubExists } from '../write.ts';
import { EctInduction, INDUCTION_STATUSES } from './ect-induction.entity.ts';

/** `StartEctInductionInput` fields → the `ect-inductions.csv` columns whose rules they follow. */
const START_COLUMNS = {
  inductionId: 'induction_id',
  trn: 'trn',
  schoolUrn: 'school_urn',
  hubId: 'hub_id',
  academicYear: 'academic_year',
  trainingProgramme: 'training_programme',
  startedOn: 'started_on',
  mentorTrn: 'mentor_trn',
} as const;

const START_RULES = rulesFromColumns(ECT_INDUCTIONS_FILE, START_COLUMNS);
const OUTCOME_RULES = {
  id: { parse: recordId, required: true },
  status: { parse: oneOf(INDUCTION_STATUSES), required: true },
  finishedOn: { parse: isoDate },
};

interface StartValues extends Record<string, unknown> {
  inductionId: string;
  trn: string;
  schoolUrn: string;
  hubId: string;
  academicYear: number;
  trainingProgramme: TrainingProgramme;
  startedOn: string;
  mentorTrn: string | null | undefined;
}

/** What the audit trail keeps of an induction (its columns, the hub by id). */
export const inductionRecord = (e: EctInduction): Record<string, unknown> => ({
  id: e.id,
  trn: e.trn,
  schoolUrn: e.schoolUrn,
  hubId: e.appropriateBody.id,
  academicYear: e.academicYear,
  trainingProgramme: e.trainingProgramme,
  status: e.status,
  startedOn: e.startedOn,
  finishedOn: e.finishedOn ?? null,
  mentorTrn: e.mentorTrn ?? null,
});

/** The fields a retried start must repeat (everything it sets but the status, which outcomes change later). */
const startFields = (e: EctInduction): Record<string, unknown> => {
  const { id: _id, status: _status, finishedOn: _finished, ...rest } = inductionRecord(e);
  return rest;
};

export const inductionMutations: Resolvers = {
  Mutation: {
    startEctInduction: async (_, { input }, ctx) => {
      const { em, identity } = ctx;
      const writer = assertCanWrite(identity, hubOrganisation(String(input.hubId)), `the ECT inductions of hub ${input.hubId}`);
      const v = validateInput<StartValues>(input, START_RULES, 'input', fileCheck(ECT_INDUCTIONS_FILE, START_COLUMNS, 'input', { status: 'IN_PROGRESS', finished_on: null }));
      await assertHubExists(em, v.hubId, 'input.hubId');
      return writeTransaction(ctx, async (tx) => {
        const existing = await tx.findOne(EctInduction, v.inductionId);
        if (existing) {
          assertCanWrite(identity, hubOrganisation(existing.appropriateBody.id), `ECT induction ${existing.id}`);
          const given = { ...v, mentorTrn: v.mentorTrn ?? null };
          const problems = conflicts('ECT induction', existing.id, startFields(existing), given, 'input');
          if (problems.length > 0) throw badInputProblems(problems);
          return existing;
        }
        const induction = tx.create(EctInduction, {
          id: v.inductionId,
          trn: v.trn,
          schoolUrn: v.schoolUrn,
          appropriateBody: tx.getReference(TeachingSchoolHub, v.hubId),
          academicYear: v.academicYear,
          trainingProgramme: v.trainingProgramme,
          status: 'IN_PROGRESS',
          startedOn: v.startedOn,
          finishedOn: null,
          mentorTrn: v.mentorTrn ?? null,
        });
        recordAudit(tx, writer, 'GRAPHQL', {
          operation: 'startEctInduction',
          entityType: 'EctInduction',
          entityId: induction.id,
          organisation: hubOrganisation(v.hubId),
          before: null,
          after: inductionRecord(induction),
        });
        return induction;
      });
    },

    recordInductionOutcome: async (_, args, ctx) => {
      const { identity } = ctx;
      assertWriterOfKind(identity, 'tsh', 'ECT induction outcomes');
      const v = validateArguments<{ id: string; status: InductionStatus; finishedOn: string | null | undefined }>(args, OUTCOME_RULES);
      return writeTransaction(ctx, async (tx) => {
        const induction = await tx.findOne(EctInduction, v.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!induction) throw badField('id', `no ECT induction "${v.id}"`);
        const owner = hubOrganisation(induction.appropriateBody.id);
        const writer = assertCanWrite(identity, owner, `ECT induction ${induction.id}`);
        const finishedOn = v.finishedOn ?? null;
        const problems = fileCheck(ECT_INDUCTIONS_FILE, { status: 'status', finishedOn: 'finished_on' }, '', {
          started_on: induction.startedOn,
          trn: induction.trn,
          mentor_trn: null,
        })({ status: v.status, finishedOn });
        if (problems.length > 0) throw badInputProblems(problems);
        if (induction.status === v.status && (induction.finishedOn ?? null) === finishedOn) return induction;
        const before = inductionRecord(induction);
        induction.status = v.status;
        induction.finishedOn = finishedOn;
        recordAudit(tx, writer, 'GRAPHQL', {
          operation: 'recordInductionOutcome',
          entityType: 'EctInduction',
          entityId: induction.id,
          organisation: owner,
          before,
          after: inductionRecord(induction),
        });
        return induction;
      });
    },
  },
};
