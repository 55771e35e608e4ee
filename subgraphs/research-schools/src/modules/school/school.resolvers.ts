import { assertAcademicYear } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';

export const schoolResolvers: Resolvers = {
  School: {
    /**
     * Any URN resolves: a school this subgraph holds nothing about has empty lists and zero counts here. The region the
     * gateway hands in (`@requires(fields: "regionCode")`) is kept for the access rule of `researchProgrammeCount`.
     */
    __resolveReference: (ref) => ({ urn: ref.urn, regionCode: 'regionCode' in ref ? ref.regionCode : null }),
    researchSchools: (school, _, { loaders }) => loaders.researchSchoolsBySchool.load(school.urn),
    researchParticipations: (school, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.researchParticipationsByUrn.load({ id: school.urn, academicYear: academicYear ?? null });
    },
    researchProgrammeCount: (school, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.researchProgrammeCountByUrn.load({ id: school.urn, academicYear: academicYear ?? null });
    },
  },
};
