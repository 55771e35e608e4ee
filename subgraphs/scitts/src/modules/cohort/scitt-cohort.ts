/** A SCITT's cohort: its trainees who started in one academic year. Its figures are loaded per request, batched. */
export interface ScittCohortModel {
  readonly scittId: string;
  readonly academicYear: number;
}

/** Cache key of a cohort. */
export const cohortKey = (c: ScittCohortModel): string => `${c.scittId}|${c.academicYear}`;
