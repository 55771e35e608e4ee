import { assertAcademicYear } from '@tdg/kit/errors';
import { pageSize } from '@tdg/kit/page-size';
import { regionOfLa } from '@tdg/kit/reference';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { ResearchSchool } from './research-school.entity.ts';

export const researchSchoolResolvers: Resolvers = {
  Query: {
    researchSchool: (_, { id }, { loaders }) => loaders.researchSchoolById.load(id),
    researchSchools: (_, { first }, { em }) =>
      em.find(ResearchSchool, {}, { orderBy: { id: 'asc' }, limit: pageSize('Query.researchSchools(first:)', first, { defaultValue: 100 }) }),
  },
  ResearchSchool: {
    __resolveReference: (ref, { loaders }) => loaders.researchSchoolById.load(ref.id),
    leadSchool: (r) => (r.leadSchoolUrn ? { urn: r.leadSchoolUrn } : null),
    localAuthority: (r) => ({ code: r.laCode }),
    /** The load checks every LA code against the reference, so its region is always known. */
    regionCode: (r) => regionOfLa(r.laCode) as string,
    programmes: (r, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.researchProgrammesBySchool.load({ id: r.id, academicYear: academicYear ?? null });
    },
  },
};
