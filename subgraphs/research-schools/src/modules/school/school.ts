/** A school as this subgraph knows it: its URN (the register belongs to the local-authorities subgraph). */
export interface SchoolReference {
  readonly urn: string;
}
