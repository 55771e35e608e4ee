import { assertAcademicYear } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { Scitt } from './scitt.entity.ts';

export const scittResolvers: Resolvers = {
  Query: {
    scitt: (_, { id }, { loaders }) => loaders.scittById.load(id),
    scitts: (_, { regionCode }, { em }) => em.find(Scitt, regionCode ? { regionCode } : {}, { orderBy: { id: 'asc' } }),
  },
  Scitt: {
    __resolveReference: (ref, { loaders }) => loaders.scittById.load(ref.id),
    leadSchool: (scitt) => (scitt.leadSchoolUrn ? { urn: scitt.leadSchoolUrn } : null),
    region: (scitt) => ({ code: scitt.regionCode }),
    partnerSchools: async (scitt, _, { loaders }) => (await loaders.partnersByScitt.load(scitt.id)).map((link) => ({ urn: link.urn })),
    partnerSchoolCount: async (scitt, _, { loaders }) => (await loaders.partnersByScitt.load(scitt.id)).length,
    trainees: (scitt, { academicYear, status }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.traineesByScitt.load({ scittId: scitt.id, academicYear: academicYear ?? null, status: status ?? null });
    },
    cohort: (scitt, { academicYear }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return { scittId: scitt.id, academicYear };
    },
  },
};
