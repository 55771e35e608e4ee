import type { Resolvers } from './generated/resolvers-types.ts';
import { auditResolvers } from './modules/audit/audit.resolvers.ts';
import { coldSpotResolvers } from './modules/cold-spots/cold-spots.resolvers.ts';
import { localAuthorityResolvers } from './modules/local-authority/local-authority.resolvers.ts';
import { networkMutations } from './modules/network/network.mutations.ts';
import { networkResolvers } from './modules/network/network.resolvers.ts';
import { regionResolvers } from './modules/region/region.resolvers.ts';
import { schoolMutations } from './modules/school/school.mutations.ts';
import { schoolResolvers } from './modules/school/school.resolvers.ts';
import { scittCohortResolvers } from './modules/scitt-cohort/scitt-cohort.resolvers.ts';
import { supportMutations } from './modules/support/support.mutations.ts';
import { supportResolvers } from './modules/support/support.resolvers.ts';

/** Every resolver of the local-authorities subgraph. */
export const resolvers: Resolvers = {
  Query: { ...regionResolvers.Query, ...localAuthorityResolvers.Query, ...schoolResolvers.Query, ...auditResolvers.Query },
  Mutation: { ...schoolMutations, ...supportMutations, ...networkMutations },
  Region: regionResolvers.Region,
  LocalAuthority: localAuthorityResolvers.LocalAuthority,
  School: schoolResolvers.School,
  SchoolConnection: schoolResolvers.SchoolConnection,
  SupportEpisode: supportResolvers.SupportEpisode,
  Network: networkResolvers.Network,
  ColdSpotReport: coldSpotResolvers.ColdSpotReport,
  ScittCohort: scittCohortResolvers.ScittCohort,
};
