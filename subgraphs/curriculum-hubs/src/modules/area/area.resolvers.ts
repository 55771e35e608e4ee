import { areaReference } from '@tdg/kit/area';
import { assertAcademicYear } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';

export const areaResolvers: Resolvers = {
  LocalAuthority: {
    __resolveReference: areaReference,
    curriculumHubs: async (la, _, { loaders }) => (await loaders.hubsByLa.load(la.code)).map((c) => c.hub),
    hubEngagement: (la, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.engagementByScope.load({ kind: 'la', code: la.code, year: academicYear });
    },
  },
  Region: {
    __resolveReference: areaReference,
    hubEngagement: (region, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.engagementByScope.load({ kind: 'region', code: region.code, year: academicYear });
    },
  },
};
