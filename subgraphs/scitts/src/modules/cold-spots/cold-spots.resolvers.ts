import { assertYearSpan } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';

export const coldSpotResolvers: Resolvers = {
  ColdSpotReport: {
    __resolveReference: (ref) => ref,
    ittEngagedUrns: (report, _, { loaders }) => {
      const { id, fromYear, toYear, candidateUrns } = report;
      if (fromYear == null || toYear == null || !candidateUrns) {
        throw new Error(`ColdSpotReport ${id}: fromYear, toYear and candidateUrns missing (the gateway hands them from the local-authorities subgraph)`);
      }
      assertYearSpan(fromYear, toYear);
      return loaders.ittEngagedUrns.load({ id, fromYear, toYear, candidateUrns });
    },
  },
};
