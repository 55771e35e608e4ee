import type { Resolvers } from '../../generated/resolvers-types.ts';

export const inductionResolvers: Resolvers = {
  EctInduction: {
    teacher: (e) => ({ trn: e.trn }),
    school: (e) => ({ urn: e.schoolUrn }),
    appropriateBody: async (e, _, { loaders }) => (await loaders.hubById.load(e.appropriateBody.id))!,
    mentor: (e) => (e.mentorTrn ? { trn: e.mentorTrn } : null),
  },
};
