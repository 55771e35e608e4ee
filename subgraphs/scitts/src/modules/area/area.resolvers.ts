import { areaReference, loadAreaFigures } from '@tdg/kit/area';
import type { Resolvers } from '../../generated/resolvers-types.ts';

/** ITT engagement of an area, by its code (its schools are those of the subgraph's `school_area` lookup). */
export const areaResolvers: Resolvers = {
  LocalAuthority: {
    __resolveReference: areaReference,
    ittEngagement: (la, { academicYear }, { loaders }) => loadAreaFigures(loaders.ittEngagement, 'la', la, academicYear),
  },
  Region: {
    __resolveReference: areaReference,
    ittEngagement: (region, { academicYear }, { loaders }) => loadAreaFigures(loaders.ittEngagement, 'region', region, academicYear),
    scitts: (region, _, { loaders }) => loaders.scittsByRegion.load(region.code),
  },
};
