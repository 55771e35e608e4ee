import { type AreaKind, type AreaReference, type AreaYearKey, areaReference } from '@tdg/kit/area';
import { assertAcademicYear } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';

/** The area by its code (its schools are those of the subgraph's `school_area` lookup) and a year. */
const key = (kind: AreaKind, a: AreaReference, year: number): AreaYearKey => ({ kind, code: a.code, year });

export const areaResolvers: Resolvers = {
  LocalAuthority: {
    __resolveReference: areaReference,
    teachingSchoolHubs: async (la, _, { loaders }) => (await loaders.hubsByLa.load(la.code)).map((l) => l.hub),
    inductionEngagement: (la, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.inductionEngagement.load(key('la', la, academicYear));
    },
    npqEngagement: (la, { cohort }, { loaders }) => {
      assertAcademicYear(cohort, 'cohort');
      return loaders.npqEngagement.load(key('la', la, cohort));
    },
  },
  Region: {
    __resolveReference: areaReference,
    teachingSchoolHubs: (region, _, { loaders }) => loaders.hubsByRegion.load(region.code),
    inductionEngagement: (region, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.inductionEngagement.load(key('region', region, academicYear));
    },
    npqEngagement: (region, { cohort }, { loaders }) => {
      assertAcademicYear(cohort, 'cohort');
      return loaders.npqEngagement.load(key('region', region, cohort));
    },
  },
};
