import type { Resolvers } from '../../generated/resolvers-types.ts';

export const networkResolvers: Resolvers = {
  Network: {
    localAuthority: async (n, _, { loaders }) => (await loaders.laByCode.load(n.localAuthority.code))!,
    members: async (n, _, { loaders }) => (await loaders.membersByNetwork.load(n.id)).map((m) => m.school),
    memberCount: async (n, _, { loaders }) => (await loaders.membersByNetwork.load(n.id)).length,
  },
};
