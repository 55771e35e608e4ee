import type { Resolvers } from '../../generated/resolvers-types.ts';

export const npqResolvers: Resolvers = {
  NpqEnrolment: {
    teacher: (e) => ({ trn: e.trn }),
    school: (e) => ({ urn: e.schoolUrn }),
    hub: async (e, _, { loaders }) => (await loaders.hubById.load(e.hub.id))!,
  },
};
