import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { groupBy, groupedLoader, loaderByArgument, singleLoader } from '@tdg/kit/loaders';
import { Trainee } from './trainee.entity.ts';

/** A SCITT's trainees, optionally of one cohort and one status. */
export interface TraineeFilterKey {
  readonly scittId: string;
  readonly academicYear: number | null;
  readonly status: Trainee['status'] | null;
}
const filterKey = (k: TraineeFilterKey) => `${k.scittId}|${k.academicYear ?? ''}|${k.status ?? ''}`;

/** Trainees by id, by SCITT (with filters) and by TRN: one statement per loader (per filter) per request. */
export const traineeLoaders = (em: EntityManager) => ({
  traineeById: singleLoader<string, Trainee>((ids) => em.find(Trainee, { id: { $in: [...ids] } }), (t) => t.id),

  /** Trainees of each SCITT, ordered by id; one statement per distinct (academicYear, status) filter. */
  traineesByScitt: loaderByArgument<TraineeFilterKey, Trainee[], { academicYear: number | null; status: string | null }>(
    (k) => ({ academicYear: k.academicYear, status: k.status }),
    async ({ academicYear, status }, keys) => {
      const where: FilterQuery<Trainee> = { scitt: { $in: keys.map((k) => k.scittId) } };
      if (academicYear !== null) where.academicYear = academicYear;
      if (status !== null) where.status = status as Trainee['status'];
      const groups = groupBy(await em.find(Trainee, where, { orderBy: { id: 'asc' } }), (t) => t.scitt.id);
      return keys.map((k) => groups.get(k.scittId) ?? []);
    },
    filterKey,
  ),

  /** A teacher's training records, ordered by academic year (then id). */
  trainingByTrn: groupedLoader<string, Trainee>(
    (trns) => em.find(Trainee, { trn: { $in: [...trns] } }, { orderBy: [{ academicYear: 'asc' }, { id: 'asc' }] }),
    (t) => t.trn!,
  ),
});
