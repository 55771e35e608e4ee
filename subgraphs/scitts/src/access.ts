import type { AreaReference } from '@tdg/kit/area';
import type { AccessFunctions } from '@tdg/kit/auth/access';
import { organisationId } from '@tdg/kit/auth/identity';
import { type ColdSpotReportReference, regionOfColdSpotReport } from '@tdg/kit/cold-spot-report';
import { regionOfLa } from '@tdg/kit/reference';
import type { Context } from './context.ts';
import type { ScittCohortModel } from './modules/cohort/scitt-cohort.ts';
import type { Placement } from './modules/placement/placement.entity.ts';
import type { SchoolReference } from './modules/school/school.ts';
import type { Trainee } from './modules/trainee/trainee.entity.ts';

/** The organisation owning a SCITT's records: `scitt:<scitt id>`. */
export const scittOrganisation = (scittId: string): string => organisationId('scitt', scittId);

/**
 * The owner and region functions the SDL's `@access` directives name (see `@tdg/kit/auth/access`). Trainees and
 * placements belong to `scitt:<the trainee's SCITT>`; figures are in the region of their area, school (handed in by the
 * gateway from the register) or SCITT.
 */
export const access: AccessFunctions<Context> = {
  owners: {
    trainee: (trainee: Trainee) => scittOrganisation(trainee.scitt.id),
    placement: async (placement: Placement, { loaders }) => {
      const trainee = await loaders.traineeById.load(placement.trainee.id);
      return trainee ? scittOrganisation(trainee.scitt.id) : null;
    },
  },
  regions: {
    cohort: async (cohort: ScittCohortModel, { loaders }) => (await loaders.scittById.load(cohort.scittId))?.regionCode ?? null,
    school: (school: SchoolReference) => school.regionCode ?? null,
    localAuthority: (la: AreaReference) => regionOfLa(la.code),
    region: (region: AreaReference) => region.code,
    coldSpotReport: (report: ColdSpotReportReference) => regionOfColdSpotReport(report.id),
  },
};
