import type { Resolvers } from '../../generated/resolvers-types.ts';

export const schoolResolvers: Resolvers = {
  School: {
    /** Any URN resolves: a school this subgraph holds nothing about has an empty list here. */
    __resolveReference: (ref) => ({ urn: ref.urn }),
    researchSchools: (school, _, { loaders }) => loaders.researchSchoolsBySchool.load(school.urn),
  },
};
