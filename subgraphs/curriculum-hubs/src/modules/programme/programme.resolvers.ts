import type { Resolvers } from '../../generated/resolvers-types.ts';

export const programmeResolvers: Resolvers = {
  Query: {
    programme: (_, { id }, { loaders }) => loaders.programmeById.load(id),
  },
  Programme: {
    __resolveReference: (ref, { loaders }) => loaders.programmeById.load(ref.id),
    hub: async (programme, _, { loaders }) => (await loaders.hubById.load(programme.hub.id))!,
    participations: (programme, _, { loaders }) => loaders.participationsByProgramme.load(programme.id),
    schoolCount: async (programme, _, { loaders }) => (await loaders.programmeFigures.load(programme.id))?.schools ?? 0,
    teacherCount: async (programme, _, { loaders }) => (await loaders.programmeFigures.load(programme.id))?.teachers ?? 0,
  },
};
