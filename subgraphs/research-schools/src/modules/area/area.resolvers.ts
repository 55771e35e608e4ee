import { type AreaReference, areaReference } from '@tdg/kit/area';
import { assertAcademicYear, badInput } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';

/** The school URNs the gateway handed in through `@requires(fields: "schoolUrns")`. */
function requiredUrns(area: AreaReference): readonly string[] {
  if (!area.schoolUrns) throw badInput("researchEngagement needs the area's schoolUrns, which the gateway provides (@requires)", 'schoolUrns');
  return area.schoolUrns;
}

export const areaResolvers: Resolvers = {
  LocalAuthority: {
    /** Any LA code resolves: an LA this subgraph holds nothing about has an empty list and zero figures here. */
    __resolveReference: areaReference,
    researchSchools: (la, _, { loaders }) => loaders.researchSchoolsByLa.load(la.code),
    researchEngagement: (la, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.researchEngagementByScope.load({ kind: 'la', code: la.code, schoolUrns: requiredUrns(la), year: academicYear });
    },
  },
  Region: {
    __resolveReference: areaReference,
    researchEngagement: (region, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.researchEngagementByScope.load({ kind: 'region', code: region.code, schoolUrns: requiredUrns(region), year: academicYear });
    },
  },
};
