import type { Resolvers } from '../../generated/resolvers-types.ts';

export const supportResolvers: Resolvers = {
  SupportEpisode: {
    supportedSchool: async (e, _, { loaders }) => (await loaders.schoolByUrn.load(e.supportedSchool.urn))!,
    supportingSchool: (e, _, { loaders }) => (e.supportingSchool ? loaders.schoolByUrn.load(e.supportingSchool.urn) : null),
  },
};
