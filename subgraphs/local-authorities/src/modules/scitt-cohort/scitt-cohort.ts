/** A SCITT cohort as the gateway hands it here, with the fields this subgraph requires from the others. */
export interface ScittCohortReference {
  readonly scittId: string;
  readonly academicYear: number;
  readonly inductionSchoolUrns?: string[] | null;
  readonly partnerSchoolUrns?: string[] | null;
  readonly leadSchoolUrn?: string | null;
  readonly regionCode?: string | null;
}
