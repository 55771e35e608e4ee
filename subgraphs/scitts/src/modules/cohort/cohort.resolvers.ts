import { assertAcademicYear } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import type { Context } from '../../context.ts';
import type { ScittCohortModel } from './scitt-cohort.ts';
import { EMPTY_COHORT } from './cohort.loaders.ts';

const stats = async (cohort: ScittCohortModel, { loaders }: Context) => (await loaders.cohortStats.load(cohort)) ?? EMPTY_COHORT;

const scittOf = async (cohort: ScittCohortModel, { loaders }: Context) => {
  const scitt = await loaders.scittById.load(cohort.scittId);
  if (!scitt) throw new Error(`SCITT ${cohort.scittId} not found`);
  return scitt;
};

export const cohortResolvers: Resolvers = {
  ScittCohort: {
    /** A cohort of an unknown SCITT resolves to `null`. */
    __resolveReference: async (ref, { loaders }) => {
      assertAcademicYear(ref.academicYear, 'academicYear');
      const scitt = await loaders.scittById.load(ref.scittId);
      return scitt ? { scittId: scitt.id, academicYear: ref.academicYear } : null;
    },
    scitt: (cohort, _, ctx) => scittOf(cohort, ctx),
    traineeCount: async (cohort, _, ctx) => (await stats(cohort, ctx)).traineeCount,
    awardedCount: async (cohort, _, ctx) => (await stats(cohort, ctx)).awardedCount,
    inTrainingCount: async (cohort, _, ctx) => (await stats(cohort, ctx)).inTrainingCount,
    withdrawnCount: async (cohort, _, ctx) => (await stats(cohort, ctx)).withdrawnCount,
    deferredCount: async (cohort, _, ctx) => (await stats(cohort, ctx)).deferredCount,
    awardedTrns: async (cohort, _, ctx) => (await stats(cohort, ctx)).awardedTrns,
    partnerSchoolUrns: async (cohort, _, { loaders }) => (await loaders.partnersByScitt.load(cohort.scittId)).map((link) => link.urn),
    leadSchoolUrn: async (cohort, _, ctx) => (await scittOf(cohort, ctx)).leadSchoolUrn ?? null,
    regionCode: async (cohort, _, ctx) => (await scittOf(cohort, ctx)).regionCode,
  },
};
