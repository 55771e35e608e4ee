import { assertYearSpan } from '@tdg/kit/errors';
import type { Resolvers } from '../../generated/resolvers-types.ts';

export const coldSpotResolvers: Resolvers = {
  ColdSpotReport: {
    __resolveReference: (ref) => ref,
    tshEngagedUrns: (report, _, { loaders }) => {
      assertYearSpan(report.fromYear ?? Number.NaN, report.toYear ?? Number.NaN);
      return loaders.tshEngagedUrns.load(report);
    },
  },
};
