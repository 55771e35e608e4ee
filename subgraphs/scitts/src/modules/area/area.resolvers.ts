import { type AreaKind, type AreaReference, areaReference } from '@tdg/kit/area';
import { assertAcademicYear } from '@tdg/kit/errors';
import type { Context } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers-types.ts';

/** The school URNs the gateway handed in for a field that `@requires` them. */
export function requiredUrns(area: AreaReference, typename: string): readonly string[] {
  if (!area.schoolUrns) throw new Error(`${typename} ${area.code}: schoolUrns missing (the gateway hands them from the local-authorities subgraph)`);
  return area.schoolUrns;
}

const ittEngagement = (kind: AreaKind, area: AreaReference, academicYear: number, { loaders }: Context) => {
  assertAcademicYear(academicYear, 'academicYear');
  const schoolUrns = requiredUrns(area, kind === 'la' ? 'LocalAuthority' : 'Region');
  return loaders.ittEngagement.load({ kind, code: area.code, schoolUrns, year: academicYear });
};

export const areaResolvers: Resolvers = {
  LocalAuthority: {
    __resolveReference: areaReference,
    ittEngagement: (la, { academicYear }, ctx) => ittEngagement('la', la, academicYear, ctx),
  },
  Region: {
    __resolveReference: areaReference,
    ittEngagement: (region, { academicYear }, ctx) => ittEngagement('region', region, academicYear, ctx),
    scitts: (region, _, { loaders }) => loaders.scittsByRegion.load(region.code),
  },
};
