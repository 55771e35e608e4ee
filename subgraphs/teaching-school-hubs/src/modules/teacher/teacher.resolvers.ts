import type { Resolvers } from '../../generated/resolvers-types.ts';

export const teacherResolvers: Resolvers = {
  Query: {
    teacher: async (_, { trn }, { loaders }) => ((await loaders.trnKnown.load(trn)) ? { trn } : null),
  },
  Teacher: {
    /** Any TRN resolves (with empty lists when no hub holds it): the SCITT subgraph contributes to the same teacher. */
    __resolveReference: (ref) => ({ trn: ref.trn }),
    inductions: (t, _, { loaders }) => loaders.inductionsByTrn.load(t.trn),
    npqEnrolments: (t, _, { loaders }) => loaders.enrolmentsByTrn.load(t.trn),
    mentoring: (t, _, { loaders }) => loaders.inductionsByMentor.load(t.trn),
  },
};
