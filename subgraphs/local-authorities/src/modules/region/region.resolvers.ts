import { assertAcademicYear } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { coldSpotReport } from '../cold-spots/cold-spot-report.ts';
import { Region } from './region.entity.ts';

const scope = (region: Region) => ({ kind: 'region' as const, code: region.code });

export const regionResolvers: Resolvers = {
  Query: {
    region: (_, { code }, { loaders }) => loaders.regionByCode.load(code),
    regions: (_, __, { em }) => em.find(Region, {}, { orderBy: { code: 'asc' } }),
  },
  Region: {
    __resolveReference: (ref, { loaders }) => loaders.regionByCode.load(ref.code),
    localAuthorities: (region, _, { loaders }) => loaders.lasByRegion.load(region.code),
    openSchoolCount: async (region, _, { loaders }) => (await loaders.schoolsByScope.load(scope(region))).open,
    openStateFundedSchoolCount: async (region, _, { loaders }) => (await loaders.schoolsByScope.load(scope(region))).openStateFundedUrns.length,
    schoolsReceivingSupport: (region, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.schoolsReceivingSupport.load({ scope: scope(region), academicYear });
    },
    coldSpots: (region, { fromYear, toYear }) => coldSpotReport(scope(region), fromYear, toYear),
  },
};
