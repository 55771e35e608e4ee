import type { Resolvers } from '../../generated/resolvers-types.ts';

export const areaResolvers: Resolvers = {
  LocalAuthority: {
    /** Any LA code resolves: an LA this subgraph holds nothing about has an empty list here. */
    __resolveReference: (ref) => ({ code: ref.code }),
    researchSchools: (la, _, { loaders }) => loaders.researchSchoolsByLa.load(la.code),
  },
};
