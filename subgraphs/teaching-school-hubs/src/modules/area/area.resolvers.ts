import { areaReference, loadAreaFigures } from '@tdg/kit/area';
import type { Resolvers } from '../../generated/resolvers-types.ts';

/** Induction and NPQ figures of an area, by its code (its schools are those of the subgraph's `school_area` lookup). */
export const areaResolvers: Resolvers = {
  LocalAuthority: {
    __resolveReference: areaReference,
    teachingSchoolHubs: async (la, _, { loaders }) => (await loaders.hubsByLa.load(la.code)).map((l) => l.hub),
    inductionEngagement: (la, { academicYear }, { loaders }) => loadAreaFigures(loaders.inductionEngagement, 'la', la, academicYear),
    npqEngagement: (la, { cohort }, { loaders }) => loadAreaFigures(loaders.npqEngagement, 'la', la, cohort, 'cohort'),
  },
  Region: {
    __resolveReference: areaReference,
    teachingSchoolHubs: (region, _, { loaders }) => loaders.hubsByRegion.load(region.code),
    inductionEngagement: (region, { academicYear }, { loaders }) => loadAreaFigures(loaders.inductionEngagement, 'region', region, academicYear),
    npqEngagement: (region, { cohort }, { loaders }) => loadAreaFigures(loaders.npqEngagement, 'region', region, cohort, 'cohort'),
  },
};
