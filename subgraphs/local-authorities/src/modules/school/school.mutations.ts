import { LockMode } from '@mikro-orm/postgresql';
import { recordAudit } from '@tdg/kit/audit/record';
import { assertWriterOfKind } from '@tdg/kit/auth/write-access';
import { fileOf } from '@tdg/kit/load/spec';
import { changedFields, fileCheck, ruleOf, rulesFromColumns } from '@tdg/kit/write/input-rules';
import { writeTransaction } from '@tdg/kit/write/transaction';
import { type InputProblem, badField, badInputProblems, validateArguments, validateInput } from '@tdg/kit/write/validate-input';
import { assertCanWriteLa, laOrganisation } from '../../access.ts';
import type { MutationResolvers } from '../../generated/resolvers-types.ts';
import { FILES } from '../../load/import-spec.ts';
import { LocalAuthority } from '../local-authority/local-authority.entity.ts';
import { School } from './school.entity.ts';

const SCHOOLS = fileOf(FILES, 'schools.csv');

/** Input fields of a school and the schools.csv columns whose rules they share. */
const SCHOOL_COLUMNS = {
  urn: 'urn',
  name: 'name',
  laCode: 'la_code',
  phase: 'phase',
  typeGroup: 'type_group',
  status: 'status',
  statutoryLowAge: 'statutory_low_age',
  statutoryHighAge: 'statutory_high_age',
  numberOfPupils: 'number_of_pupils',
  percentageFsm: 'percentage_fsm',
  ofstedRating: 'ofsted_rating',
  trustName: 'trust_name',
  postcode: 'postcode',
} as const;

/** What updateSchool may change: not the URN, the LA (the school's owner) or the status (setSchoolStatus). */
const DETAIL_COLUMNS = Object.fromEntries(
  Object.entries(SCHOOL_COLUMNS).filter(([field]) => !['urn', 'laCode', 'status'].includes(field)),
) as Readonly<Record<string, string>>;
/** Details that cannot be cleared. */
const REQUIRED_DETAILS = ['name', 'phase', 'typeGroup'] as const;

type SchoolRecord = Record<keyof typeof SCHOOL_COLUMNS, unknown>;

/** A school as a plain record: what the audit trail stores and what a repeated registration is compared with. */
export function schoolRecord(s: School): SchoolRecord {
  return {
    urn: s.urn,
    name: s.name,
    laCode: s.localAuthority.code,
    phase: s.phase,
    typeGroup: s.typeGroup,
    status: s.status,
    statutoryLowAge: s.statutoryLowAge ?? null,
    statutoryHighAge: s.statutoryHighAge ?? null,
    numberOfPupils: s.numberOfPupils ?? null,
    percentageFsm: s.percentageFsm === null || s.percentageFsm === undefined ? null : Number(s.percentageFsm),
    ofstedRating: s.ofstedRating ?? null,
    trustName: s.trustName ?? null,
    postcode: s.postcode ?? null,
  };
}

const REGISTER = 'the school register';

export const schoolMutations: MutationResolvers = {
  registerSchool: async (_, { input }, ctx) => {
    assertWriterOfKind(ctx.identity, 'la', REGISTER);
    const values = validateInput<SchoolRecord>(input, rulesFromColumns(SCHOOLS, SCHOOL_COLUMNS), 'input', fileCheck(SCHOOLS, SCHOOL_COLUMNS));
    const desired = Object.fromEntries(Object.keys(SCHOOL_COLUMNS).map((k) => [k, values[k as keyof SchoolRecord] ?? null])) as SchoolRecord;
    const laCode = String(desired.laCode);
    const urn = String(desired.urn);
    const identity = assertCanWriteLa(ctx.identity, laCode, `the register of LA ${laCode}`);
    return writeTransaction(ctx, async (tx) => {
      const la = await tx.findOne(LocalAuthority, laCode);
      if (!la) throw badField('input.laCode', `unknown LA code "${laCode}": no such local authority`);
      const existing = await tx.findOne(School, urn, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (existing) {
        const differs = changedFields(schoolRecord(existing), desired);
        if (differs.length > 0) {
          throw badField('input.urn', `school ${urn} is already in the register with a different ${differs.join(', ')}: use updateSchool or setSchoolStatus`);
        }
        return existing;
      }
      const { laCode: _code, ...fields } = desired;
      const school = tx.create(School, { ...fields, localAuthority: la } as never);
      recordAudit(tx, identity, 'GRAPHQL', {
        operation: 'registerSchool',
        entityType: 'School',
        entityId: urn,
        organisation: laOrganisation(laCode),
        before: null,
        after: desired,
      });
      return school;
    });
  },

  setSchoolStatus: async (_, args, ctx) => {
    assertWriterOfKind(ctx.identity, 'la', REGISTER);
    const { urn, status } = validateArguments<{ urn: string; status: School['status'] }>(args, {
      urn: ruleOf(SCHOOLS, 'urn', true),
      status: ruleOf(SCHOOLS, 'status', true),
    });
    return writeTransaction(ctx, async (tx) => {
      const school = await tx.findOne(School, urn, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!school) throw badField('urn', `unknown URN "${urn}": no such school in the register`);
      const identity = assertCanWriteLa(ctx.identity, school.localAuthority.code, `school ${urn}`);
      if (school.status === status) return school;
      const before = schoolRecord(school);
      school.status = status;
      recordAudit(tx, identity, 'GRAPHQL', {
        operation: 'setSchoolStatus',
        entityType: 'School',
        entityId: urn,
        organisation: laOrganisation(school.localAuthority.code),
        before,
        after: schoolRecord(school),
      });
      return school;
    });
  },

  updateSchool: async (_, args, ctx) => {
    assertWriterOfKind(ctx.identity, 'la', REGISTER);
    const { urn } = validateArguments<{ urn: string }>(args, { urn: ruleOf(SCHOOLS, 'urn', true) });
    const changes = validateInput<Partial<SchoolRecord>>(args.input, rulesFromColumns(SCHOOLS, DETAIL_COLUMNS, []), 'input');
    const cleared: InputProblem[] = REQUIRED_DETAILS.filter((k) => changes[k] === null).map((k) => ({ field: `input.${k}`, reason: 'required value missing (it cannot be cleared)' }));
    if (cleared.length > 0) throw badInputProblems(cleared);
    return writeTransaction(ctx, async (tx) => {
      const school = await tx.findOne(School, urn, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!school) throw badField('urn', `unknown URN "${urn}": no such school in the register`);
      const identity = assertCanWriteLa(ctx.identity, school.localAuthority.code, `school ${urn}`);
      const before = schoolRecord(school);
      const after: SchoolRecord = { ...before };
      for (const [k, v] of Object.entries(changes)) if (v !== undefined) after[k as keyof SchoolRecord] = v;
      const problems = fileCheck(SCHOOLS, SCHOOL_COLUMNS)(after);
      if (problems.length > 0) throw badInputProblems(problems);
      const differs = changedFields(before, after);
      if (differs.length === 0) return school;
      for (const k of differs) (school as unknown as Record<string, unknown>)[k] = after[k as keyof SchoolRecord];
      recordAudit(tx, identity, 'GRAPHQL', {
        operation: 'updateSchool',
        entityType: 'School',
        entityId: urn,
        organisation: laOrganisation(school.localAuthority.code),
        before,
        after,
      });
      return school;
    });
  },
};
