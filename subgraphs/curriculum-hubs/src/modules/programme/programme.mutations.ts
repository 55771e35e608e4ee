import { LockMode } from '@mikro-orm/core';
import { recordAudit } from '@tdg/kit/audit/record';
import { changedFields, ruleOf } from '@tdg/kit/write/input-rules';
import { writeTransaction } from '@tdg/kit/write/transaction';
import { badField, validateInput } from '@tdg/kit/write/validate-input';
import { assertCanWriteHub, hubOrganisation } from '../../access.ts';
import type { Resolvers, WorkgroupPhase } from '../../generated/resolvers-types.ts';
import { PROGRAMME_COLUMNS } from '../../load/import-spec.ts';
import { CurriculumHub } from '../hub/curriculum-hub.entity.ts';
import { Programme } from './programme.entity.ts';

/** A programme's values, as the audit trail records them and as a retried create is compared. */
export type ProgrammeValues = {
  readonly id: string;
  readonly hubId: string;
  readonly title: string;
  readonly academicYear: number;
  readonly workgroupPhase: string | null;
};

export const programmeValues = (p: Programme): ProgrammeValues => ({
  id: p.id,
  hubId: p.hub.id,
  title: p.title,
  academicYear: p.academicYear,
  workgroupPhase: p.workgroupPhase ?? null,
});

/** The rules of `programmes.csv`, by input field. */
const CREATE_RULES = {
  programmeId: ruleOf(PROGRAMME_COLUMNS, 'programme_id'),
  hubId: ruleOf(PROGRAMME_COLUMNS, 'hub_id'),
  title: ruleOf(PROGRAMME_COLUMNS, 'title'),
  academicYear: ruleOf(PROGRAMME_COLUMNS, 'academic_year'),
  workgroupPhase: ruleOf(PROGRAMME_COLUMNS, 'workgroup_phase'),
};
const UPDATE_RULES = {
  title: ruleOf(PROGRAMME_COLUMNS, 'title', false),
  academicYear: ruleOf(PROGRAMME_COLUMNS, 'academic_year', false),
  workgroupPhase: ruleOf(PROGRAMME_COLUMNS, 'workgroup_phase'),
};

type CreateValues = {
  programmeId: string;
  hubId: string;
  title: string;
  academicYear: number;
  workgroupPhase?: WorkgroupPhase | null;
};
type UpdateValues = {
  title?: string | null;
  academicYear?: number | null;
  workgroupPhase?: WorkgroupPhase | null;
};

export const programmeMutations: Resolvers = {
  Mutation: {
    /** Creates a programme keyed by its id; a repeat with the same values returns it unchanged (no second audit entry). */
    createProgramme: async (_, { input }, ctx) => {
      const actor = assertCanWriteHub(ctx.identity, input.hubId, `programmes of hub ${input.hubId}`);
      const values = validateInput<CreateValues>(input, CREATE_RULES, 'input');
      if (!(await ctx.em.findOne(CurriculumHub, { id: values.hubId }))) throw badField('input.hubId', `unknown hub "${values.hubId}"`);
      const wanted: ProgrammeValues = {
        id: values.programmeId,
        hubId: values.hubId,
        title: values.title,
        academicYear: values.academicYear,
        workgroupPhase: values.workgroupPhase ?? null,
      };
      return writeTransaction(ctx, async (tx) => {
        const existing = await tx.findOne(Programme, { id: wanted.id });
        if (existing) {
          const differing = changedFields(programmeValues(existing), wanted);
          if (differing.length === 0) return existing;
          throw badField(
            'input.programmeId',
            `programme "${wanted.id}" already exists with another ${differing.join(', ')}: change it with updateProgramme`,
          );
        }
        const created = tx.create(Programme, {
          id: wanted.id,
          hub: wanted.hubId,
          title: wanted.title,
          academicYear: wanted.academicYear,
          workgroupPhase: wanted.workgroupPhase as WorkgroupPhase | null,
        });
        recordAudit(tx, actor, 'GRAPHQL', {
          operation: 'createProgramme',
          entityType: 'Programme',
          entityId: wanted.id,
          organisation: hubOrganisation(wanted.hubId),
          before: null,
          after: { ...wanted },
        });
        return created;
      });
    },

    /** Changes the fields given; a repeat (nothing to change) returns the programme without an audit entry. */
    updateProgramme: async (_, { id, input }, ctx) => {
      const held = await ctx.em.findOne(Programme, { id });
      const actor = assertCanWriteHub(ctx.identity, held ? held.hub.id : null, held ? `programmes of hub ${held.hub.id}` : 'programmes');
      const values = validateInput<UpdateValues>(input, UPDATE_RULES, 'input', (v) => [
        ...(v.title === null ? [{ field: 'input.title', reason: 'a programme needs a title: it cannot be cleared' }] : []),
        ...(v.academicYear === null ? [{ field: 'input.academicYear', reason: 'a programme needs an academic year: it cannot be cleared' }] : []),
      ]);
      if (!held) throw badField('id', `unknown programme "${id}"`);
      return writeTransaction(ctx, async (tx) => {
        const current = await tx.findOneOrFail(Programme, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
        const before = programmeValues(current);
        const after: ProgrammeValues = {
          ...before,
          ...(values.title !== undefined ? { title: values.title as string } : {}),
          ...(values.academicYear !== undefined ? { academicYear: values.academicYear as number } : {}),
          ...(values.workgroupPhase !== undefined ? { workgroupPhase: values.workgroupPhase } : {}),
        };
        if (changedFields(before, after).length === 0) return current;
        current.title = after.title;
        current.academicYear = after.academicYear;
        current.workgroupPhase = after.workgroupPhase as WorkgroupPhase | null;
        recordAudit(tx, actor, 'GRAPHQL', {
          operation: 'updateProgramme',
          entityType: 'Programme',
          entityId: id,
          organisation: hubOrganisation(before.hubId),
          before: { ...before },
          after: { ...after },
        });
        return current;
      });
    },
  },
};
