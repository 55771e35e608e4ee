import { assertAcademicYear } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';

export const schoolResolvers: Resolvers = {
  School: {
    /** Any URN resolves: the register belongs to the local-authorities subgraph. */
    __resolveReference: (ref) => ({ urn: ref.urn, regionCode: ref.regionCode ?? null }),
    placements: (school, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.placementsByUrn.load({ urn: school.urn, academicYear: academicYear ?? null });
    },
    placementCount: (school, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.placementCountByUrn.load({ urn: school.urn, academicYear: academicYear ?? null });
    },
    partnerScitts: async (school, _, { loaders }) => (await loaders.partnershipsByUrn.load(school.urn)).map((link) => link.scitt),
  },
};
