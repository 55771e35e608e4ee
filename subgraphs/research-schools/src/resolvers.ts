import type { Resolvers } from './generated/resolvers-types.ts';
import { areaResolvers } from './modules/area/area.resolvers.ts';
import { researchParticipationResolvers } from './modules/participation/research-participation.resolvers.ts';
import { researchProgrammeResolvers } from './modules/programme/research-programme.resolvers.ts';
import { researchSchoolResolvers } from './modules/research-school/research-school.resolvers.ts';
import { schoolResolvers } from './modules/school/school.resolvers.ts';

/** Every resolver of the research-schools subgraph (who may call each is declared with `@access` in the SDL). */
export const resolvers: Resolvers = {
  Query: { ...researchSchoolResolvers.Query, ...researchProgrammeResolvers.Query },
  ResearchSchool: researchSchoolResolvers.ResearchSchool,
  ResearchProgramme: researchProgrammeResolvers.ResearchProgramme,
  ResearchParticipation: researchParticipationResolvers.ResearchParticipation,
  School: schoolResolvers.School,
  LocalAuthority: areaResolvers.LocalAuthority,
  Region: areaResolvers.Region,
};
