import type { Resolvers } from './generated/resolvers-types.ts';
import { areaResolvers } from './modules/area/area.resolvers.ts';
import { auditResolvers } from './modules/audit/audit.resolvers.ts';
import { coldSpotResolvers } from './modules/cold-spots/cold-spots.resolvers.ts';
import { hubResolvers } from './modules/hub/hub.resolvers.ts';
import { inductionMutations } from './modules/induction/induction.mutations.ts';
import { inductionResolvers } from './modules/induction/induction.resolvers.ts';
import { npqMutations } from './modules/npq/npq.mutations.ts';
import { npqResolvers } from './modules/npq/npq.resolvers.ts';
import { partnershipResolvers } from './modules/partnership/partnership.resolvers.ts';
import { schoolResolvers } from './modules/school/school.resolvers.ts';
import { scittCohortResolvers } from './modules/scitt-cohort/scitt-cohort.resolvers.ts';
import { teacherResolvers } from './modules/teacher/teacher.resolvers.ts';

/** Every resolver of the teaching-school-hubs subgraph. */
export const resolvers: Resolvers = {
  Query: { ...hubResolvers.Query, ...teacherResolvers.Query, ...auditResolvers.Query },
  Mutation: { ...inductionMutations.Mutation, ...npqMutations.Mutation },
  TeachingSchoolHub: hubResolvers.TeachingSchoolHub,
  HubPartnership: partnershipResolvers.HubPartnership,
  EctInduction: inductionResolvers.EctInduction,
  NpqEnrolment: npqResolvers.NpqEnrolment,
  Teacher: teacherResolvers.Teacher,
  School: schoolResolvers.School,
  LocalAuthority: areaResolvers.LocalAuthority,
  Region: areaResolvers.Region,
  ScittCohort: scittCohortResolvers.ScittCohort,
  ColdSpotReport: coldSpotResolvers.ColdSpotReport,
};
