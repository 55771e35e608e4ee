import { assertYearSpan, badInput } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';

export const coldSpotResolvers: Resolvers = {
  ColdSpotReport: {
    __resolveReference: (ref) => ref,
    /** Candidates taking part in a programme of an academic year in [fromYear, toYear]. */
    curriculumEngagedUrns: (report, _, { loaders }) => {
      const { id, fromYear, toYear, candidateUrns } = report;
      if (fromYear === null || fromYear === undefined || toYear === null || toYear === undefined || !candidateUrns) {
        throw badInput('curriculumEngagedUrns needs fromYear, toYear and candidateUrns, which the gateway provides (@requires)', 'candidateUrns');
      }
      assertYearSpan(fromYear, toYear);
      return loaders.engagedUrnsBySpan.load({ id, fromYear, toYear, candidateUrns });
    },
  },
};
