import type { Resolvers } from '../../generated/resolvers-types.ts';

export const researchProgrammeResolvers: Resolvers = {
  Query: {
    researchProgramme: (_, { id }, { loaders }) => loaders.researchProgrammeById.load(id),
  },
  ResearchProgramme: {
    __resolveReference: (ref, { loaders }) => loaders.researchProgrammeById.load(ref.id),
    researchSchool: async (programme, _, { loaders }) => (await loaders.researchSchoolById.load(programme.researchSchool.id))!,
    participations: (programme, _, { loaders }) => loaders.researchParticipationsByProgramme.load(programme.id),
    schoolCount: async (programme, _, { loaders }) => (await loaders.researchProgrammeFigures.load(programme.id))?.schools ?? 0,
    teacherCount: async (programme, _, { loaders }) => (await loaders.researchProgrammeFigures.load(programme.id))?.teachers ?? 0,
  },
};
