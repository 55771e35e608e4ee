import { assertAcademicYear } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { schoolPage } from './school-connection.ts';

export const schoolResolvers: Resolvers = {
  Query: {
    school: (_, { urn }, { loaders }) => loaders.schoolByUrn.load(urn),
    schools: (_, args, { em }) => schoolPage(em, args),
  },
  SchoolConnection: {
    nodes: (page) => page.edges.map((e) => e.node),
    pageInfo: (page) => ({ hasNextPage: page.hasNextPage, endCursor: page.edges.at(-1)?.cursor ?? null }),
    totalCount: (page) => page.totalCount(),
  },
  School: {
    __resolveReference: (ref, { loaders }) => loaders.schoolByUrn.load(ref.urn),
    localAuthority: async (school, _, { loaders }) => (await loaders.laByCode.load(school.localAuthority.code))!,
    region: async (school, _, { loaders }) => {
      const la = await loaders.laByCode.load(school.localAuthority.code);
      return (await loaders.regionByCode.load(la!.region.code))!;
    },
    regionCode: async (school, _, { loaders }) => (await loaders.laByCode.load(school.localAuthority.code))!.region.code,
    stateFunded: (school) => school.typeGroup !== 'INDEPENDENT',
    percentageFsm: (school) => (school.percentageFsm === null || school.percentageFsm === undefined ? null : Number(school.percentageFsm)),
    supportReceived: (school, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.supportReceivedByUrn.load({ id: school.urn, academicYear: academicYear ?? null });
    },
    supportGiven: (school, { academicYear }, { loaders }) => {
      assertAcademicYear(academicYear, 'academicYear');
      return loaders.supportGivenByUrn.load({ id: school.urn, academicYear: academicYear ?? null });
    },
    networks: async (school, _, { loaders }) => (await loaders.networksByUrn.load(school.urn)).map((m) => m.network),
  },
};
