import { assertAcademicYear } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { TeachingSchoolHub } from './hub.entity.ts';

export const hubResolvers: Resolvers = {
  Query: {
    teachingSchoolHub: (_, { id }, { loaders }) => loaders.hubById.load(id),
    teachingSchoolHubs: (_, { regionCode }, { em }) =>
      em.find(TeachingSchoolHub, regionCode ? { regionCode } : {}, { orderBy: { id: 'asc' } }),
  },
  TeachingSchoolHub: {
    __resolveReference: (ref, { loaders }) => loaders.hubById.load(ref.id),
    leadSchool: (hub) => (hub.leadSchoolUrn ? { urn: hub.leadSchoolUrn } : null),
    region: (hub) => ({ code: hub.regionCode }),
    localAuthorities: async (hub, _, { loaders }) => (await loaders.laCodesByHub.load(hub.id)).map((l) => ({ code: l.laCode })),
    partnerships: (hub, _, { loaders }) => loaders.partnershipsByHub.load(hub.id),
    ectInductions: (hub, { academicYear, status }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.inductionsByHub.load({ hubId: hub.id, academicYear: academicYear ?? null, status: status ?? null });
    },
    npqEnrolments: (hub, { cohort, course, status }, { loaders }) => {
      assertAcademicYear(cohort, 'cohort');
      return loaders.enrolmentsByHub.load({ hubId: hub.id, cohort: cohort ?? null, course: course ?? null, status: status ?? null });
    },
    ectInductionCount: (hub, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.inductionCountByHub.load({ id: hub.id, year: academicYear ?? null });
    },
    npqEnrolmentCount: (hub, { cohort }, { loaders }) => {
      assertAcademicYear(cohort, 'cohort');
      return loaders.enrolmentCountByHub.load({ id: hub.id, year: cohort ?? null });
    },
  },
};
