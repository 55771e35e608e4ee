import { type AreaKind, type AreaReference, areaReference } from '@tdg/kit/area';
import { assertAcademicYear } from '@tdg/kit/errors';
import type { Context } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers-types.ts';

/** ITT engagement of an area, by its code (its schools are those of the subgraph's `school_area` lookup). */
const ittEngagement = (kind: AreaKind, area: AreaReference, academicYear: number, { loaders }: Context) => {
  assertAcademicYear(academicYear, 'academicYear');
  return loaders.ittEngagement.load({ kind, code: area.code, year: academicYear });
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
