import type { Resolvers } from '../../generated/resolvers-types.ts';

export const participationResolvers: Resolvers = {
  Participation: {
    programme: async (participation, _, { loaders }) => (await loaders.programmeById.load(participation.programme.id))!,
    school: (participation) => ({ urn: participation.urn }),
  },
};
