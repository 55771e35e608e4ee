/** A teacher as this subgraph knows one: by TRN only (the SCITT subgraph holds the training record). */
export interface TeacherReference {
  readonly trn: string;
}
