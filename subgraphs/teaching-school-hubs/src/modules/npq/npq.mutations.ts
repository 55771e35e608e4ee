import { recordAudit } from '@tdg/kit/audit/record';
import { assertCanWrite, assertWriterOfKind } from '@tdg/kit/auth/write-access';
import { oneOf } from '@tdg/kit/load/fields';
import { conflicts, rulesFromColumns } from '@tdg/kit/write/input-rules';
import { writeTransaction } from '@tdg/kit/write/transaction';
import { badField, badInputProblems, validateArguments, validateInput } from '@tdg/kit/write/validate-input';
import { LockMode } from '@mikro-orm/postgresql';
import { hubOrganisation } from '../../access.ts';
import type { NpqCourse, NpqStatus, Resolvers } from '../../generated/resolvers-types.ts';
import { NPQ_ENROLMENTS_FILE, recordId } from '../../load/import-spec.ts';
import { TeachingSchoolHub } from '../hub/hub.entity.ts';
import { assertHubExists } from '../write.ts';
import { NPQ_STATUSES, NpqEnrolment } from './npq-enrolment.entity.ts';

/** `EnrolNpqInput` fields → the `npq-enrolments.csv` columns whose rules they follow. */
const ENROL_COLUMNS = {
  enrolmentId: 'enrolment_id',
  trn: 'trn',
  schoolUrn: 'school_urn',
  hubId: 'hub_id',
  course: 'course',
  cohort: 'cohort',
  status: 'status',
} as const;

const ENROL_RULES = rulesFromColumns(NPQ_ENROLMENTS_FILE, ENROL_COLUMNS);
const OUTCOME_RULES = { id: { parse: recordId, required: true }, status: { parse: oneOf(NPQ_STATUSES), required: true } };

interface EnrolValues extends Record<string, unknown> {
  enrolmentId: string;
  trn: string;
  schoolUrn: string;
  hubId: string;
  course: NpqCourse;
  cohort: number;
  status: NpqStatus;
}

/** What the audit trail keeps of an enrolment (its columns, the hub by id). */
export const enrolmentRecord = (e: NpqEnrolment): Record<string, unknown> => ({
  id: e.id,
  trn: e.trn,
  schoolUrn: e.schoolUrn,
  hubId: e.hub.id,
  course: e.course,
  cohort: e.cohort,
  status: e.status,
});

/** The fields a retried enrolment must repeat (all but the status, which may have moved on since). */
const enrolFields = (e: NpqEnrolment): Record<string, unknown> => {
  const { id: _id, status: _status, ...rest } = enrolmentRecord(e);
  return rest;
};

export const npqMutations: Resolvers = {
  Mutation: {
    enrolNpq: async (_, { input }, ctx) => {
      const { em, identity } = ctx;
      const writer = assertCanWrite(identity, hubOrganisation(String(input.hubId)), `the NPQ enrolments of hub ${input.hubId}`);
      const v = validateInput<EnrolValues>({ ...input, status: input.status ?? 'ACTIVE' }, ENROL_RULES, 'input');
      await assertHubExists(em, v.hubId, 'input.hubId');
      return writeTransaction(ctx, async (tx) => {
        const existing = await tx.findOne(NpqEnrolment, v.enrolmentId);
        if (existing) {
          assertCanWrite(identity, hubOrganisation(existing.hub.id), `NPQ enrolment ${existing.id}`);
          const problems = conflicts('NPQ enrolment', existing.id, enrolFields(existing), v, 'input');
          if (problems.length > 0) throw badInputProblems(problems);
          return existing;
        }
        const enrolment = tx.create(NpqEnrolment, {
          id: v.enrolmentId,
          trn: v.trn,
          schoolUrn: v.schoolUrn,
          hub: tx.getReference(TeachingSchoolHub, v.hubId),
          course: v.course,
          cohort: v.cohort,
          status: v.status,
        });
        recordAudit(tx, writer, 'GRAPHQL', {
          operation: 'enrolNpq',
          entityType: 'NpqEnrolment',
          entityId: enrolment.id,
          organisation: hubOrganisation(v.hubId),
          before: null,
          after: enrolmentRecord(enrolment),
        });
        return enrolment;
      });
    },

    recordNpqOutcome: async (_, args, ctx) => {
      const { identity } = ctx;
      assertWriterOfKind(identity, 'tsh', 'NPQ enrolment outcomes');
      const v = validateArguments<{ id: string; status: NpqStatus }>(args, OUTCOME_RULES);
      return writeTransaction(ctx, async (tx) => {
        const enrolment = await tx.findOne(NpqEnrolment, v.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!enrolment) throw badField('id', `no NPQ enrolment "${v.id}"`);
        const owner = hubOrganisation(enrolment.hub.id);
        const writer = assertCanWrite(identity, owner, `NPQ enrolment ${enrolment.id}`);
        if (enrolment.status === v.status) return enrolment;
        const before = enrolmentRecord(enrolment);
        enrolment.status = v.status;
        recordAudit(tx, writer, 'GRAPHQL', {
          operation: 'recordNpqOutcome',
          entityType: 'NpqEnrolment',
          entityId: enrolment.id,
          organisation: owner,
          before,
          after: enrolmentRecord(enrolment),
        });
        return enrolment;
      });
    },
  },
};
