import type { AccessFunctions } from '@tdg/kit/auth/access';
import { type Identity, organisationId } from '@tdg/kit/auth/identity';
import { assertCanWrite } from '@tdg/kit/auth/write-access';
import { regionOfColdSpotReport } from '@tdg/kit/cold-spot-report';
import type { Context } from './context.ts';
import type { ColdSpotReportModel } from './modules/cold-spots/cold-spot-report.ts';
import type { ScittCohortReference } from './modules/scitt-cohort/scitt-cohort.ts';

/** The organisation owning an LA's records: `la:<code>`. */
export const laOrganisation = (laCode: string): string => organisationId('la', laCode);

/** Writes to an LA's records: its staff or an administrator (FORBIDDEN otherwise). */
export const assertCanWriteLa = (identity: Identity | null, laCode: string, what: string): Identity =>
  assertCanWrite(identity, laOrganisation(laCode), what);

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
