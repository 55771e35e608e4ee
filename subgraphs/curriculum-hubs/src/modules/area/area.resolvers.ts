import { areaReference, loadAreaFigures } from '@tdg/kit/area';
import type { Resolvers } from '../../generated/resolvers-types.ts';

export const areaResolvers: Resolvers = {
  LocalAuthority: {
    __resolveReference: areaReference,
    curriculumHubs: async (la, _, { loaders }) => (await loaders.hubsByLa.load(la.code)).map((c) => c.hub),
    hubEngagement: (la, { academicYear }, { loaders }) => loadAreaFigures(loaders.engagementByScope, 'la', la, academicYear),
  },
  Region: {
    __resolveReference: areaReference,
    hubEngagement: (region, { academicYear }, { loaders }) => loadAreaFigures(loaders.engagementByScope, 'region', region, academicYear),
  },
};
