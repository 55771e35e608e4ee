import { LockMode } from '@mikro-orm/core';
import { recordAudit } from '@tdg/kit/audit/record';
import { ruleOf } from '@tdg/kit/write/input-rules';
import { writeTransaction } from '@tdg/kit/write/transaction';
import { badField, validateArguments } from '@tdg/kit/write/validate-input';
import { assertCanWriteHub, hubOrganisation } from '../../access.ts';
import type { Context } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { PARTICIPATION_COLUMNS } from '../../load/import-spec.ts';
import { Programme } from '../programme/programme.entity.ts';
import { Participation } from './participation.entity.ts';

/** The rules of `participations.csv`, by argument (`teachers` null or left out counts as 1, as an empty cell does). */
const RULES = {
  programmeId: ruleOf(PARTICIPATION_COLUMNS, 'programme_id'),
  urn: ruleOf(PARTICIPATION_COLUMNS, 'urn'),
  teachers: ruleOf(PARTICIPATION_COLUMNS, 'teachers'),
};
const DEFAULT_TEACHERS = PARTICIPATION_COLUMNS.find((c) => c.header === 'teachers')?.default ?? 1;

/** A participation's values, as the audit trail records them. */
const participationValues = (p: { programme: { id: string }; urn: string; teachers: number }) => ({
  programmeId: p.programme.id,
  urn: p.urn,
  teachers: p.teachers,
});

/** The held programme, for its hub (the owner of its participations); null when unknown. */
const programmeOf = (ctx: Context, id: string) => ctx.em.findOne(Programme, { id });

export const participationMutations: Resolvers = {
  Mutation: {
    /**
     * Upserts the participation of a school in a programme (keyed by both): creates it, or sets its number of teachers.
     * A repeat with the same number changes nothing and records no audit entry.
     */
    recordParticipation: async (_, args, ctx) => {
      const programme = await programmeOf(ctx, args.programmeId);
      const hubId = programme ? programme.hub.id : null;
      const actor = assertCanWriteHub(ctx.identity, hubId, hubId ? `participations in programmes of hub ${hubId}` : 'participations');
      const values = validateArguments<{ programmeId: string; urn: string; teachers?: number | null }>(args, RULES);
      if (!programme || !hubId) throw badField('programmeId', `unknown programme "${args.programmeId}"`);
      const teachers = values.teachers ?? (DEFAULT_TEACHERS as number);
      const entityId = `${programme.id}+${values.urn}`;
      return writeTransaction(ctx, async (tx) => {
        const held = await tx.findOne(
          Participation,
          { programme: programme.id, urn: values.urn },
          { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
        );
        if (held && held.teachers === teachers) return held;
        const before = held ? participationValues(held) : null;
        const written = held ?? tx.create(Participation, { programme: programme.id, urn: values.urn, teachers });
        written.teachers = teachers;
        recordAudit(tx, actor, 'GRAPHQL', {
          operation: 'recordParticipation',
          entityType: 'Participation',
          entityId,
          organisation: hubOrganisation(hubId),
          before,
          after: participationValues(written),
        });
        return written;
      });
    },

    /** Removes a school from a programme; removing one that does not take part changes nothing. Returns the programme. */
    removeParticipation: async (_, args, ctx) => {
      const programme = await programmeOf(ctx, args.programmeId);
      const hubId = programme ? programme.hub.id : null;
      const actor = assertCanWriteHub(ctx.identity, hubId, hubId ? `participations in programmes of hub ${hubId}` : 'participations');
      const values = validateArguments<{ programmeId: string; urn: string }>(args, { programmeId: RULES.programmeId, urn: RULES.urn });
      if (!programme || !hubId) throw badField('programmeId', `unknown programme "${args.programmeId}"`);
      await writeTransaction(ctx, async (tx) => {
        const held = await tx.findOne(
          Participation,
          { programme: programme.id, urn: values.urn },
          { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
        );
        if (!held) return;
        const before = participationValues(held);
        tx.remove(held);
        recordAudit(tx, actor, 'GRAPHQL', {
          operation: 'removeParticipation',
          entityType: 'Participation',
          entityId: `${programme.id}+${values.urn}`,
          organisation: hubOrganisation(hubId),
          before,
          after: null,
        });
      });
      return ctx.loaders.programmeById.load(programme.id);
    },
  },
};
