import { assertYearSpan } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';

export const coldSpotResolvers: Resolvers = {
  ColdSpotReport: {
    __resolveReference: (ref) => ref,
    tshEngagedUrns: (report, _, { loaders }) => {
      const fromYear = report.fromYear ?? Number.NaN;
      const toYear = report.toYear ?? Number.NaN;
      assertYearSpan(fromYear, toYear);
      return loaders.tshEngagedUrns.load({ id: report.id, fromYear, toYear, candidateUrns: report.candidateUrns ?? [] });
    },
  },
};
