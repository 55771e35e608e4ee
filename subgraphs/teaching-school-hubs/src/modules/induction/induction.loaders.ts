import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { groupBy, groupedLoader, loaderByArgument } from '@tdg/kit/loaders';
import type { InductionStatus } from '../../generated/resolvers-types.ts';
import { type YearKey, countsBy, yearKey } from '../counts.ts';
import { EctInduction } from './ect-induction.entity.ts';

/** A hub with the filters of `TeachingSchoolHub.ectInductions`. */
export interface HubInductionKey {
  readonly hubId: string;
  readonly academicYear: number | null;
  readonly status: InductionStatus | null;
}

const BY_START = { orderBy: { startedOn: 'asc', id: 'asc' } } as const;
const yearFilter = (year: number | null): { academicYear?: number } => (year === null ? {} : { academicYear: year });

/** ECT inductions by hub, teacher, mentor and school, and their counts: one statement per loader (per argument). */
export const inductionLoaders = (em: EntityManager) => ({
  inductionsByHub: loaderByArgument<HubInductionKey, EctInduction[], Omit<HubInductionKey, 'hubId'>>(
    (k) => ({ academicYear: k.academicYear, status: k.status }),
    async ({ academicYear, status }, keys) => {
      const where: FilterQuery<EctInduction> = {
        appropriateBody: { $in: keys.map((k) => k.hubId) },
        ...yearFilter(academicYear),
        ...(status === null ? {} : { status }),
      };
      const groups = groupBy(await em.find(EctInduction, where, { orderBy: { id: 'asc' } }), (e) => e.appropriateBody.id);
      return keys.map((k) => groups.get(k.hubId) ?? []);
    },
    (k) => `${k.hubId}|${k.academicYear ?? ''}|${k.status ?? ''}`,
  ),
  inductionCountByHub: loaderByArgument<YearKey, number, number | null>(
    (k) => k.year,
    (year, keys) => countsBy(em, 'ect_induction', 'hub_id', 'academic_year', year, keys),
    yearKey,
  ),

  inductionsByTrn: groupedLoader<string, EctInduction>((trns) => em.find(EctInduction, { trn: { $in: [...trns] } }, BY_START), (e) => e.trn),
  inductionsByMentor: groupedLoader<string, EctInduction>(
    (trns) => em.find(EctInduction, { mentorTrn: { $in: [...trns] } }, BY_START),
    (e) => e.mentorTrn!,
  ),

  inductionsBySchool: loaderByArgument<YearKey, EctInduction[], number | null>(
    (k) => k.year,
    async (year, keys) => {
      const rows = await em.find(EctInduction, { schoolUrn: { $in: keys.map((k) => k.id) }, ...yearFilter(year) }, BY_START);
      const groups = groupBy(rows, (e) => e.schoolUrn);
      return keys.map((k) => groups.get(k.id) ?? []);
    },
    yearKey,
  ),
  inductionCountBySchool: loaderByArgument<YearKey, number, number | null>(
    (k) => k.year,
    (year, keys) => countsBy(em, 'ect_induction', 'school_urn', 'academic_year', year, keys),
    yearKey,
  ),
});
