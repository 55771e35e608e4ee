import type { Resolvers } from '../../generated/resolvers-types.ts';

export const teacherResolvers: Resolvers = {
  Teacher: {
    /** Any TRN resolves: a teacher without training records here has an empty `training`. */
    __resolveReference: (ref) => ({ trn: ref.trn }),
    training: (teacher, _, { loaders }) => loaders.trainingByTrn.load(teacher.trn),
  },
};
