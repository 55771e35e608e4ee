/** A teacher as this subgraph knows them: a TRN (the training records are found by it). */
export interface TeacherReference {
  readonly trn: string;
}
