import type { AccessFunctions } from '@tdg/kit/auth/access';
import { regionOfLa } from '@tdg/kit/reference';
import type { Context } from './context.ts';
import type { ColdSpotReportModel } from './modules/cold-spots/cold-spot-report.ts';
import type { ScittCohortReference } from './modules/scitt-cohort/scitt-cohort.ts';

/** The region of a cold-spot report, from its id: `la:808:2021:2024` → the LA's region, `region:E:2021:2024` → `E`. */
export function regionOfColdSpotReport(id: string): string | null {
  const m = /^(la|region):([^:]+):/.exec(id);
  if (!m) return null;
  return m[1] === 'la' ? regionOfLa(m[2]) : m[2];
}

/**
 * The functions named by the `@access` directives of schema/local-authorities.graphql. Everything this subgraph holds is
 * non-personal, so it has no owner functions: the register is public, support and networks need a signed-in caller,
 * and the aggregates (cold-spot figures, a SCITT cohort's local retention) are scoped by region for regional analysts.
 */
export const access: AccessFunctions<Context> = {
  regions: {
    coldSpotReport: (report: ColdSpotReportModel) => regionOfColdSpotReport(report.id),
    scittCohort: (cohort: ScittCohortReference) => cohort.regionCode ?? null,
  },
};
