import { type AreaReference, areaReference } from '@tdg/kit/area';
import { assertAcademicYear, badInput } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';

/** The school URNs the gateway handed in through `@requires(fields: "schoolUrns")`. */
function requiredUrns(area: AreaReference): readonly string[] {
  if (!area.schoolUrns) throw badInput('hubEngagement needs the area\'s schoolUrns, which the gateway provides (@requires)', 'schoolUrns');
  return area.schoolUrns;
}

export const areaResolvers: Resolvers = {
  LocalAuthority: {
    __resolveReference: areaReference,
    curriculumHubs: async (la, _, { loaders }) => (await loaders.hubsByLa.load(la.code)).map((c) => c.hub),
    hubEngagement: (la, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.engagementByScope.load({ kind: 'la', code: la.code, schoolUrns: requiredUrns(la), year: academicYear });
    },
  },
  Region: {
    __resolveReference: areaReference,
    hubEngagement: (region, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.engagementByScope.load({ kind: 'region', code: region.code, schoolUrns: requiredUrns(region), year: academicYear });
    },
  },
};
