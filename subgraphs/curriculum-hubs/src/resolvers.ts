import type { Resolvers } from './generated/resolvers-types.ts';
import { areaResolvers } from './modules/area/area.resolvers.ts';
import { auditResolvers } from './modules/audit/audit.resolvers.ts';
import { coldSpotResolvers } from './modules/cold-spots/cold-spots.resolvers.ts';
import { hubResolvers } from './modules/hub/hub.resolvers.ts';
import { participationMutations } from './modules/participation/participation.mutations.ts';
import { participationResolvers } from './modules/participation/participation.resolvers.ts';
import { programmeMutations } from './modules/programme/programme.mutations.ts';
import { programmeResolvers } from './modules/programme/programme.resolvers.ts';
import { schoolResolvers } from './modules/school/school.resolvers.ts';

/** Every resolver of the curriculum-hubs subgraph (who may call each is declared with `@access` in the SDL). */
export const resolvers: Resolvers = {
  Query: { ...hubResolvers.Query, ...programmeResolvers.Query, ...auditResolvers.Query },
  Mutation: { ...programmeMutations.Mutation, ...participationMutations.Mutation },
  CurriculumHub: hubResolvers.CurriculumHub,
  Programme: programmeResolvers.Programme,
  Participation: participationResolvers.Participation,
  School: schoolResolvers.School,
  LocalAuthority: areaResolvers.LocalAuthority,
  Region: areaResolvers.Region,
  ColdSpotReport: coldSpotResolvers.ColdSpotReport,
};
