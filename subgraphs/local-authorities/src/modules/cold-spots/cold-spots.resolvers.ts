import { QueryOrder } from '@mikro-orm/postgresql';
import { pageSize } from '@tdg/kit/page-size';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { School } from '../school/school.entity.ts';
import { coldUrns, parseColdSpotId } from './cold-spot-report.ts';

export const coldSpotResolvers: Resolvers = {
  ColdSpotReport: {
    __resolveReference: (ref) => ({ ...ref, ...parseColdSpotId(ref.id) }),
    candidateUrns: async (report, _, { loaders }) => (await loaders.schoolsByScope.load(report.scope)).openStateFundedUrns,
    candidateCount: async (report, _, { loaders }) => (await loaders.schoolsByScope.load(report.scope)).openStateFundedUrns.length,
    coldSpotCount: async (report, _, { loaders }) => coldUrns((await loaders.schoolsByScope.load(report.scope)).openStateFundedUrns, report).length,
    schools: async (report, { first }, { em, loaders }) => {
      const limit = pageSize('ColdSpotReport.schools(first:)', first, { defaultValue: 100, hint: 'the most disadvantaged schools come first' });
      const urns = coldUrns((await loaders.schoolsByScope.load(report.scope)).openStateFundedUrns, report);
      if (urns.length === 0 || limit === 0) return [];
      return em.find(School, { urn: { $in: urns } }, { orderBy: [{ percentageFsm: QueryOrder.DESC_NULLS_LAST }, { urn: QueryOrder.ASC }], limit });
    },
  },
};
