import type { Resolvers } from '../../generated/resolvers-types.ts';

export const scittCohortResolvers: Resolvers = {
  ScittCohort: {
    __resolveReference: (ref) => ref,
    startedInductionCount: async (cohort, _, { loaders }) => (await loaders.cohortInductions.load(cohort)).inductionSchoolUrns.length,
    inductionSchoolUrns: async (cohort, _, { loaders }) => (await loaders.cohortInductions.load(cohort)).inductionSchoolUrns,
  },
};
