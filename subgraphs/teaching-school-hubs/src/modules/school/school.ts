/** A school as this subgraph knows one: by URN only (the register belongs to the local-authorities subgraph). */
export interface SchoolReference {
  readonly urn: string;
}
