import { areaReference, loadAreaFigures } from '@tdg/kit/area';
import type { Resolvers } from '../../generated/resolvers-types.ts';

export const areaResolvers: Resolvers = {
  LocalAuthority: {
    /** Any LA code resolves: an LA this subgraph holds nothing about has an empty list and zero figures here. */
    __resolveReference: areaReference,
    researchSchools: (la, _, { loaders }) => loaders.researchSchoolsByLa.load(la.code),
    researchEngagement: (la, { academicYear }, { loaders }) => loadAreaFigures(loaders.researchEngagementByScope, 'la', la, academicYear),
  },
  Region: {
    __resolveReference: areaReference,
    researchEngagement: (region, { academicYear }, { loaders }) => loadAreaFigures(loaders.researchEngagementByScope, 'region', region, academicYear),
  },
};
