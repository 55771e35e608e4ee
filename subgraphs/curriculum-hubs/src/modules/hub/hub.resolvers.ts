import type { FilterQuery } from '@mikro-orm/postgresql';
import { assertAcademicYear } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { laCodesOfRegion } from '@tdg/kit/reference';
import { CurriculumHub, CurriculumHubLocalAuthority } from './curriculum-hub.entity.ts';

export const hubResolvers: Resolvers = {
  Query: {
    curriculumHub: (_, { id }, { loaders }) => loaders.hubById.load(id),
    curriculumHubs: async (_, { kind, regionCode }, { em }) => {
      if (regionCode === null || regionCode === undefined) {
        return em.find(CurriculumHub, kind ? { kind } : {}, { orderBy: { id: 'asc' } });
      }
      const laCodes = laCodesOfRegion(regionCode);
      if (laCodes.length === 0) return [];
      const where: FilterQuery<CurriculumHubLocalAuthority> = { laCode: { $in: [...laCodes] }, ...(kind ? { hub: { kind } } : {}) };
      const covering = await em.find(CurriculumHubLocalAuthority, where, { populate: ['hub'], orderBy: { hub: { id: 'asc' } } });
      return [...new Map(covering.map((c) => [c.hub.id, c.hub as CurriculumHub])).values()];
    },
  },
  CurriculumHub: {
    __resolveReference: (ref, { loaders }) => loaders.hubById.load(ref.id),
    leadSchool: (hub) => (hub.leadSchoolUrn ? { urn: hub.leadSchoolUrn } : null),
    localAuthorities: async (hub, _, { loaders }) => (await loaders.laCodesByHub.load(hub.id)).map((c) => ({ code: c.laCode })),
    programmes: (hub, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.programmesByHub.load({ id: hub.id, academicYear: academicYear ?? null });
    },
  },
};
