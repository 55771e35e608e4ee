import { assertAcademicYear } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { coldSpotReport } from '../cold-spots/cold-spot-report.ts';
import { LocalAuthority } from './local-authority.entity.ts';
import type { LocalAuthorityModel } from './local-authority.model.ts';

const scope = (la: LocalAuthorityModel) => ({ kind: 'la' as const, code: la.code });

export const localAuthorityResolvers: Resolvers = {
  Query: {
    localAuthority: (_, { code }, { loaders }) => loaders.laByCode.load(code),
    localAuthorities: (_, { regionCode }, { em }) =>
      em.find(LocalAuthority, regionCode ? { region: regionCode } : {}, { orderBy: { code: 'asc' } }),
  },
  LocalAuthority: {
    __resolveReference: (ref, { loaders }) => loaders.laByCode.load(ref.code),
    region: async (la, _, { loaders }) => (await loaders.regionByCode.load(la.region.code))!,
    openSchoolCount: async (la, _, { loaders }) => (await loaders.schoolsByScope.load(scope(la), la.region.code)).open,
    openStateFundedSchoolCount: async (la, _, { loaders }) => (await loaders.schoolsByScope.load(scope(la), la.region.code)).openStateFundedUrns.length,
    networks: (la, _, { loaders }) => loaders.networksByLa.load(la.code),
    supportEpisodes: (la, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.supportByLa.load({ id: la.code, academicYear: academicYear ?? null });
    },
    schoolsReceivingSupport: (la, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.schoolsReceivingSupport.load({ scope: scope(la), academicYear });
    },
    coldSpots: (la, { fromYear, toYear }) => coldSpotReport(scope(la), fromYear, toYear),
  },
};
