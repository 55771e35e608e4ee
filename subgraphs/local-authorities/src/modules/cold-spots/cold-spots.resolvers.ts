import { QueryOrder } from '@mikro-orm/postgresql';
import { badInput } from '@tdg/kit/errors';
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
      const limit = first ?? 100;
      if (!Number.isInteger(limit) || limit < 0 || limit > 5000) throw badInput('first must be between 0 and 5000', 'first');
      const urns = coldUrns((await loaders.schoolsByScope.load(report.scope)).openStateFundedUrns, report);
      if (urns.length === 0 || limit === 0) return [];
      return em.find(School, { urn: { $in: urns } }, { orderBy: [{ percentageFsm: QueryOrder.DESC_NULLS_LAST }, { urn: QueryOrder.ASC }], limit });
    },
  },
};
