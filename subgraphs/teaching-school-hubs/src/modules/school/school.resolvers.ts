import { assertAcademicYear } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';

export const schoolResolvers: Resolvers = {
  School: {
    /**
     * Any URN resolves (with empty lists when no hub holds a record): the register belongs to local-authorities. The
     * region handed in with the figures' `@requires` stays, for the access rule of those figures.
     */
    __resolveReference: (ref) => ({ urn: ref.urn, regionCode: 'regionCode' in ref ? ref.regionCode : null }),
    ectInductions: (school, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.inductionsBySchool.load({ id: school.urn, year: academicYear ?? null });
    },
    ectCount: (school, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.inductionCountBySchool.load({ id: school.urn, year: academicYear ?? null });
    },
    npqEnrolments: (school, { cohort }, { loaders }) => {
      assertAcademicYear(cohort, 'cohort');
      return loaders.enrolmentsBySchool.load({ id: school.urn, year: cohort ?? null });
    },
    npqCount: (school, { cohort }, { loaders }) => {
      assertAcademicYear(cohort, 'cohort');
      return loaders.enrolmentCountBySchool.load({ id: school.urn, year: cohort ?? null });
    },
  },
};
