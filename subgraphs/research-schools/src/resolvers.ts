import type { Resolvers } from './generated/resolvers-types.ts';
import { areaResolvers } from './modules/area/area.resolvers.ts';
import { researchSchoolResolvers } from './modules/research-school/research-school.resolvers.ts';
import { schoolResolvers } from './modules/school/school.resolvers.ts';

/** Every resolver of the research-schools subgraph (who may call each is declared with `@access` in the SDL). */
export const resolvers: Resolvers = {
  Query: { ...researchSchoolResolvers.Query },
  ResearchSchool: researchSchoolResolvers.ResearchSchool,
  School: schoolResolvers.School,
  LocalAuthority: areaResolvers.LocalAuthority,
};
