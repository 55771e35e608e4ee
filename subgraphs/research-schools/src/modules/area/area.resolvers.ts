import { areaReference } from '@tdg/kit/area';
import { assertAcademicYear } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';

export const areaResolvers: Resolvers = {
  LocalAuthority: {
    /** Any LA code resolves: an LA this subgraph holds nothing about has an empty list and zero figures here. */
    __resolveReference: areaReference,
    researchSchools: (la, _, { loaders }) => loaders.researchSchoolsByLa.load(la.code),
    researchEngagement: (la, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.researchEngagementByScope.load({ kind: 'la', code: la.code, year: academicYear });
    },
  },
  Region: {
    __resolveReference: areaReference,
    researchEngagement: (region, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.researchEngagementByScope.load({ kind: 'region', code: region.code, year: academicYear });
    },
  },
};
