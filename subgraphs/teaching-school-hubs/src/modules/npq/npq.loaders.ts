import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { groupBy, groupedLoader, loaderByArgument } from '@tdg/kit/loaders';
import type { NpqCourse, NpqStatus } from '../../generated/resolvers-types.ts';
import { type YearKey, countsBy, yearKey } from '../counts.ts';
import { NpqEnrolment } from './npq-enrolment.entity.ts';

/** A hub with the filters of `TeachingSchoolHub.npqEnrolments`. */
export interface HubEnrolmentKey {
  readonly hubId: string;
  readonly cohort: number | null;
  readonly course: NpqCourse | null;
  readonly status: NpqStatus | null;
}

const BY_COHORT = { orderBy: { cohort: 'asc', id: 'asc' } } as const;
const cohortFilter = (cohort: number | null): { cohort?: number } => (cohort === null ? {} : { cohort });

/** NPQ enrolments by hub, teacher and school, and their counts: one statement per loader (per argument). */
export const npqLoaders = (em: EntityManager) => ({
  enrolmentsByHub: loaderByArgument<HubEnrolmentKey, NpqEnrolment[], Omit<HubEnrolmentKey, 'hubId'>>(
    (k) => ({ cohort: k.cohort, course: k.course, status: k.status }),
    async ({ cohort, course, status }, keys) => {
      const where: FilterQuery<NpqEnrolment> = {
        hub: { $in: keys.map((k) => k.hubId) },
        ...cohortFilter(cohort),
        ...(course === null ? {} : { course }),
        ...(status === null ? {} : { status }),
      };
      const groups = groupBy(await em.find(NpqEnrolment, where, { orderBy: { id: 'asc' } }), (e) => e.hub.id);
      return keys.map((k) => groups.get(k.hubId) ?? []);
    },
    (k) => `${k.hubId}|${k.cohort ?? ''}|${k.course ?? ''}|${k.status ?? ''}`,
  ),
  enrolmentCountByHub: loaderByArgument<YearKey, number, number | null>(
    (k) => k.year,
    (cohort, keys) => countsBy(em, 'npq_enrolment', 'hub_id', 'cohort', cohort, keys),
    yearKey,
  ),

  enrolmentsByTrn: groupedLoader<string, NpqEnrolment>((trns) => em.find(NpqEnrolment, { trn: { $in: [...trns] } }, BY_COHORT), (e) => e.trn),

  enrolmentsBySchool: loaderByArgument<YearKey, NpqEnrolment[], number | null>(
    (k) => k.year,
    async (cohort, keys) => {
      const rows = await em.find(NpqEnrolment, { schoolUrn: { $in: keys.map((k) => k.id) }, ...cohortFilter(cohort) }, BY_COHORT);
      const groups = groupBy(rows, (e) => e.schoolUrn);
      return keys.map((k) => groups.get(k.id) ?? []);
    },
    yearKey,
  ),
  enrolmentCountBySchool: loaderByArgument<YearKey, number, number | null>(
    (k) => k.year,
    (cohort, keys) => countsBy(em, 'npq_enrolment', 'school_urn', 'cohort', cohort, keys),
    yearKey,
  ),
});
