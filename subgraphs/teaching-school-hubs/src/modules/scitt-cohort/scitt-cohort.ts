/**
 * A SCITT cohort as the gateway hands it here, with the TRNs of its awarded trainees and the SCITT's region letter
 * from the scitts subgraph (the region decides whether a regional analyst may read the cohort's figures).
 */
export interface ScittCohortReference {
  readonly scittId: string;
  readonly academicYear: number;
  readonly awardedTrns?: readonly string[] | null;
  readonly regionCode?: string | null;
}
