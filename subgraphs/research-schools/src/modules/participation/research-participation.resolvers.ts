import type { Resolvers } from '../../generated/resolvers-types.ts';

export const researchParticipationResolvers: Resolvers = {
  ResearchParticipation: {
    programme: async (participation, _, { loaders }) => (await loaders.researchProgrammeById.load(participation.programme.id))!,
    school: (participation) => ({ urn: participation.urn }),
  },
};
