import type { Resolvers } from './generated/resolvers-types.ts';
import { areaResolvers } from './modules/area/area.resolvers.ts';
import { auditResolvers } from './modules/audit/audit.resolvers.ts';
import { cohortResolvers } from './modules/cohort/cohort.resolvers.ts';
import { coldSpotResolvers } from './modules/cold-spots/cold-spots.resolvers.ts';
import { placementMutations } from './modules/placement/placement.mutations.ts';
import { placementResolvers } from './modules/placement/placement.resolvers.ts';
import { schoolResolvers } from './modules/school/school.resolvers.ts';
import { scittResolvers } from './modules/scitt/scitt.resolvers.ts';
import { teacherResolvers } from './modules/teacher/teacher.resolvers.ts';
import { traineeMutations } from './modules/trainee/trainee.mutations.ts';
import { traineeResolvers } from './modules/trainee/trainee.resolvers.ts';

/** Every resolver of the scitts subgraph. */
export const resolvers: Resolvers = {
  Query: { ...scittResolvers.Query, ...traineeResolvers.Query, ...auditResolvers.Query },
  Mutation: { ...traineeMutations, ...placementMutations },
  Scitt: scittResolvers.Scitt,
  ScittCohort: cohortResolvers.ScittCohort,
  Trainee: traineeResolvers.Trainee,
  Placement: placementResolvers.Placement,
  Teacher: teacherResolvers.Teacher,
  School: schoolResolvers.School,
  LocalAuthority: areaResolvers.LocalAuthority,
  Region: areaResolvers.Region,
  ColdSpotReport: coldSpotResolvers.ColdSpotReport,
};
