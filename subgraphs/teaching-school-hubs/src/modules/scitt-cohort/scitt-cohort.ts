/** A SCITT cohort as the gateway hands it here, with the TRNs of its awarded trainees from the scitts subgraph. */
export interface ScittCohortReference {
  readonly scittId: string;
  readonly academicYear: number;
  readonly awardedTrns?: readonly string[] | null;
}
