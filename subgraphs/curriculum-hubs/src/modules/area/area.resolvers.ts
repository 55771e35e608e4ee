import { assertAcademicYear, badInput } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import type { LocalAuthorityReference, RegionReference } from './area.ts';

/** The school URNs the gateway handed in through `@requires(fields: "schoolUrns")`. */
function requiredUrns(area: LocalAuthorityReference | RegionReference): readonly string[] {
  if (!area.schoolUrns) throw badInput('hubEngagement needs the area\'s schoolUrns, which the gateway provides (@requires)', 'schoolUrns');
  return area.schoolUrns;
}

export const areaResolvers: Resolvers = {
  LocalAuthority: {
    __resolveReference: (ref) => ({ code: ref.code, schoolUrns: 'schoolUrns' in ref ? ref.schoolUrns : null }),
    curriculumHubs: async (la, _, { loaders }) => (await loaders.hubsByLa.load(la.code)).map((c) => c.hub),
    hubEngagement: (la, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.engagementByScope.load({ kind: 'la', code: la.code, urns: requiredUrns(la), academicYear });
    },
  },
  Region: {
    __resolveReference: (ref) => ({ code: ref.code, schoolUrns: 'schoolUrns' in ref ? ref.schoolUrns : null }),
    hubEngagement: (region, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.engagementByScope.load({ kind: 'region', code: region.code, urns: requiredUrns(region), academicYear });
    },
  },
};
