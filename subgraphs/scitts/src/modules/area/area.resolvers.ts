import { assertAcademicYear } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import type { Context } from '../../context.ts';
import type { AreaKey, AreaReference } from './area.ts';

/** The school URNs the gateway handed in for a field that `@requires` them. */
export function requiredUrns(area: AreaReference, typename: string): readonly string[] {
  if (!area.schoolUrns) throw new Error(`${typename} ${area.code}: schoolUrns missing (the gateway hands them from the local-authorities subgraph)`);
  return area.schoolUrns;
}

const ittEngagement = (kind: AreaKey['kind'], area: AreaReference, academicYear: number, { loaders }: Context) => {
  assertAcademicYear(academicYear, 'academicYear');
  const schoolUrns = requiredUrns(area, kind === 'la' ? 'LocalAuthority' : 'Region');
  return loaders.ittEngagement.load({ kind, code: area.code, schoolUrns, academicYear });
};

const reference = (ref: { code: string; schoolUrns?: readonly string[] | null }): AreaReference => ({ code: ref.code, schoolUrns: ref.schoolUrns ?? null });

export const areaResolvers: Resolvers = {
  LocalAuthority: {
    __resolveReference: (ref) => reference(ref),
    ittEngagement: (la, { academicYear }, ctx) => ittEngagement('la', la, academicYear, ctx),
  },
  Region: {
    __resolveReference: (ref) => reference(ref),
    ittEngagement: (region, { academicYear }, ctx) => ittEngagement('region', region, academicYear, ctx),
    scitts: (region, _, { loaders }) => loaders.scittsByRegion.load(region.code),
  },
};
