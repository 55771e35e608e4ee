import { assertAcademicYear } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';

export const schoolResolvers: Resolvers = {
  School: {
    /**
     * Any URN resolves: a school with no participation has empty lists and zero counts here. The region the gateway hands
     * in (`@requires(fields: "regionCode")`) is kept for the access rule of `hubProgrammeCount`.
     */
    __resolveReference: (ref) => ({ urn: ref.urn, regionCode: 'regionCode' in ref ? ref.regionCode : null }),
    hubParticipations: (school, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.participationsByUrn.load({ id: school.urn, academicYear: academicYear ?? null });
    },
    hubProgrammeCount: (school, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.programmeCountByUrn.load({ id: school.urn, academicYear: academicYear ?? null });
    },
  },
};
