/** A school as this subgraph knows it: only its URN (the register belongs to the local-authorities subgraph). */
export interface SchoolReference {
  readonly urn: string;
}
