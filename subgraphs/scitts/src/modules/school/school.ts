/**
 * A school as this subgraph knows it: a URN. The school register belongs to the local-authorities subgraph; this
 * subgraph only contributes fields (placements, partnerships) to the schools the gateway hands it.
 */
export interface SchoolReference {
  readonly urn: string;
}
