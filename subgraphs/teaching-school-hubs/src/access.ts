import type { AreaReference } from '@tdg/kit/area';
import type { AccessFunctions } from '@tdg/kit/auth/access';
import { organisationId } from '@tdg/kit/auth/identity';
import { type ColdSpotReportReference, regionOfColdSpotReport } from '@tdg/kit/cold-spot-report';
import { regionOfLa } from '@tdg/kit/reference';
import type { Context } from './context.ts';
import type { TeachingSchoolHub } from './modules/hub/hub.entity.ts';
import type { EctInduction } from './modules/induction/ect-induction.entity.ts';
import type { NpqEnrolment } from './modules/npq/npq-enrolment.entity.ts';
import type { SchoolReference } from './modules/school/school.ts';
import type { ScittCohortReference } from './modules/scitt-cohort/scitt-cohort.ts';

/** The organisation owning a hub's records: `tsh:<hub area code>`. */
export const hubOrganisation = (hubId: string): string => organisationId('tsh', hubId);

/**
 * The owner and region functions named by the `@access` directives of schema/teaching-school-hubs.graphql: an ECT
 * induction belongs to its appropriate-body hub, an NPQ enrolment to its delivering hub; figures are in the region of
 * the hub, school (handed in by the gateway, `@requires(fields: "regionCode")`), LA, region, SCITT or cold-spot scope.
 */
export const access: AccessFunctions<Context> = {
  owners: {
    induction: (induction: EctInduction) => hubOrganisation(induction.appropriateBody.id),
    npqEnrolment: (enrolment: NpqEnrolment) => hubOrganisation(enrolment.hub.id),
  },
  regions: {
    teachingSchoolHub: (hub: TeachingSchoolHub) => hub.regionCode,
    school: (school: SchoolReference) => school.regionCode ?? null,
    localAuthority: (la: AreaReference) => regionOfLa(la.code),
    region: (region: AreaReference) => region.code,
    scittCohort: (cohort: ScittCohortReference) => cohort.regionCode ?? null,
    coldSpotReport: (report: ColdSpotReportReference) => regionOfColdSpotReport(report.id),
  },
};
