import type { Resolvers } from '../../generated/resolvers-types.ts';

export const placementResolvers: Resolvers = {
  Placement: {
    trainee: async (placement, _, { loaders }) => (await loaders.traineeById.load(placement.trainee.id))!,
    school: (placement) => ({ urn: placement.urn }),
    endedOn: (placement) => placement.endedOn ?? null,
  },
};
