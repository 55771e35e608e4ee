import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { AuditEntry } from '@tdg/kit/audit/audit-entry.entity';
import { recordAudit } from '@tdg/kit/audit/record';
import type { Identity } from '@tdg/kit/auth/identity';
import { assertCanWrite, assertWriterOfKind } from '@tdg/kit/auth/write-access';
import { fileOf } from '@tdg/kit/load/spec';
import { asRow, rowProblems, rulesFromColumns } from '@tdg/kit/write/input-rules';
import { writeTransaction } from '@tdg/kit/write/transaction';
import { badField, badInputProblems, validateArguments, validateInput } from '@tdg/kit/write/validate-input';
import { scittOrganisation } from '../../access.ts';
import type { MutationResolvers } from '../../generated/resolvers-types.ts';
import { importSpec } from '../../load/import-spec.ts';
import { Trainee } from '../trainee/trainee.entity.ts';
import { Placement } from './placement.entity.ts';

const PLACEMENTS = fileOf(importSpec.files, 'placements.csv');

/** A placement as its fields are named in inputs, and in the audit trail. */
interface PlacementRecord {
  readonly placementId: string;
  readonly traineeId: string;
  readonly urn: string;
  readonly startedOn: string;
  readonly endedOn: string | null;
}

/** Input field → column of `placements.csv`. */
const COLUMNS = { placementId: 'placement_id', traineeId: 'trainee_id', urn: 'urn', startedOn: 'started_on', endedOn: 'ended_on' } as const;
const ADD_RULES = rulesFromColumns(PLACEMENTS, COLUMNS);
const END_RULES = rulesFromColumns(PLACEMENTS, { endedOn: COLUMNS.endedOn }, ['endedOn']);

const recordOf = (p: Placement): PlacementRecord => ({
  placementId: p.id,
  traineeId: p.trainee.id,
  urn: p.urn,
  startedOn: p.startedOn,
  endedOn: p.endedOn ?? null,
});

/** A placement no longer held, as the resolvers of `Placement` read one. */
const detached = (r: PlacementRecord): Placement =>
  ({ id: r.placementId, trainee: { id: r.traineeId }, urn: r.urn, startedOn: r.startedOn, endedOn: r.endedOn }) as unknown as Placement;

/** The organisation owning a placement: its trainee's SCITT. */
async function ownerOf(tx: EntityManager, traineeId: string): Promise<string | null> {
  const trainee = await tx.findOne(Trainee, { id: traineeId });
  return trainee ? scittOrganisation(trainee.scitt.id) : null;
}

/** The placement, locked for this transaction; BAD_USER_INPUT on `id` when unknown. Then the caller must write for its SCITT. */
async function placementToChange(tx: EntityManager, identity: Identity, id: string): Promise<Placement> {
  const placement = await tx.findOne(Placement, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!placement) throw badField('id', `no placement "${id}" is held here`);
  assertCanWrite(identity, (await ownerOf(tx, placement.trainee.id)) ?? 'scitt:unknown', `placement ${id}`);
  return placement;
}

function audit(tx: EntityManager, identity: Identity, operation: string, owner: string, before: PlacementRecord | null, after: PlacementRecord | null): void {
  recordAudit(tx, identity, 'GRAPHQL', {
    operation,
    entityType: 'Placement',
    entityId: (after ?? before)!.placementId,
    organisation: owner,
    before: before ? { ...before } : null,
    after: after ? { ...after } : null,
  });
}

export const placementMutations: MutationResolvers = {
  addPlacement: (_, { input }, ctx) => {
    const identity = assertWriterOfKind(ctx.identity, 'scitt', `placement ${input.placementId}`);
    return writeTransaction(ctx, async (tx) => {
      // The owner first (the trainee's SCITT), so that other organisations learn nothing from validation messages.
      const owner = await ownerOf(tx, String(input.traineeId));
      if (owner) assertCanWrite(identity, owner, `the placements of trainee ${input.traineeId}`);
      const existing = await tx.findOne(Placement, { id: String(input.placementId) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const existingOwner = existing ? await ownerOf(tx, existing.trainee.id) : null;
      if (existing) assertCanWrite(identity, existingOwner ?? 'scitt:unknown', `placement ${existing.id}`);
      const values = validateInput<Record<string, unknown>>(input, ADD_RULES, 'input', (v) => [
        ...(owner ? [] : [{ field: 'input.traineeId', reason: `no trainee "${v.traineeId}" is held here` }]),
        ...rowProblems(PLACEMENTS, asRow(v, COLUMNS), COLUMNS, 'input'),
      ]);
      const wanted: PlacementRecord = {
        placementId: values.placementId as string,
        traineeId: values.traineeId as string,
        urn: values.urn as string,
        startedOn: values.startedOn as string,
        endedOn: (values.endedOn as string | null | undefined) ?? null,
      };
      if (existing) {
        // A repeat: the same placement (even if ended since) unless the data given differs.
        const held = recordOf(existing);
        const conflicts = (['traineeId', 'urn', 'startedOn', 'endedOn'] as const)
          .filter((f) => !(f === 'endedOn' && wanted.endedOn === null) && held[f] !== wanted[f])
          .map((f) => ({ field: `input.${f}`, reason: `placement ${held.placementId} is already recorded with ${f} ${held[f] ?? 'empty'}` }));
        if (conflicts.length > 0) throw badInputProblems(conflicts);
        return existing;
      }
      const placement = tx.create(Placement, {
        id: wanted.placementId,
        trainee: tx.getReference(Trainee, wanted.traineeId),
        urn: wanted.urn,
        startedOn: wanted.startedOn,
        endedOn: wanted.endedOn,
      });
      audit(tx, identity, 'addPlacement', owner!, null, wanted);
      return placement;
    });
  },

  endPlacement: (_, args, ctx) => {
    const identity = assertWriterOfKind(ctx.identity, 'scitt', `placement ${args.id}`);
    return writeTransaction(ctx, async (tx) => {
      const placement = await placementToChange(tx, identity, args.id);
      const before = recordOf(placement);
      const { endedOn } = validateArguments<{ endedOn: string }>(args, END_RULES, (v) => {
        if (before.endedOn !== null && before.endedOn !== v.endedOn) {
          return [{ field: 'endedOn', reason: `placement ${before.placementId} already ended on ${before.endedOn}` }];
        }
        return rowProblems(PLACEMENTS, asRow({ ...before, endedOn: v.endedOn }, COLUMNS), { endedOn: COLUMNS.endedOn }, '');
      });
      if (before.endedOn === endedOn) return placement;
      placement.endedOn = endedOn;
      audit(tx, identity, 'endPlacement', (await ownerOf(tx, before.traineeId))!, before, recordOf(placement));
      return placement;
    });
  },

  removePlacement: (_, { id }, ctx) => {
    const identity = assertWriterOfKind(ctx.identity, 'scitt', `placement ${id}`);
    return writeTransaction(ctx, async (tx) => {
      const placement = await tx.findOne(Placement, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!placement) {
        // A repeat of a removal answers with the placement as it was, from the audit trail.
        const removal = await tx.findOne(
          AuditEntry,
          { entityType: 'Placement', entityId: id, operation: 'removePlacement' },
          { orderBy: { at: 'desc', id: 'desc' } },
        );
        if (!removal?.before) throw badField('id', `no placement "${id}" is held here`);
        assertCanWrite(identity, removal.organisation ?? 'scitt:unknown', `placement ${id}`);
        return detached(removal.before as unknown as PlacementRecord);
      }
      const owner = (await ownerOf(tx, placement.trainee.id)) ?? 'scitt:unknown';
      assertCanWrite(identity, owner, `placement ${id}`);
      const before = recordOf(placement);
      tx.remove(placement);
      audit(tx, identity, 'removePlacement', owner, before, null);
      return detached(before);
    });
  },
};
