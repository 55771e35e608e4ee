import { assertAcademicYear } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import type { AreaKind, AreaReference } from './area.ts';

/** The representation as the gateway hands it: code, and the area's school URNs (`@requires(fields: "schoolUrns")`). */
const area = (ref: AreaReference): AreaReference => ({ code: ref.code, schoolUrns: ref.schoolUrns ?? null });

const key = (kind: AreaKind, a: AreaReference, year: number) => ({ kind, code: a.code, schoolUrns: a.schoolUrns ?? [], year });

export const areaResolvers: Resolvers = {
  LocalAuthority: {
    __resolveReference: area,
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
    __resolveReference: area,
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
