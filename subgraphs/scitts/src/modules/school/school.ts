/**
 * A school as this subgraph knows it: a URN and, when the gateway resolves a field that `@requires` it, the school's
 * region letter from the register (for the access rule of its figures). The school register belongs to the
 * local-authorities subgraph; this subgraph only contributes fields (placements, partnerships) to the schools the
 * gateway hands it.
 */
export interface SchoolReference {
  readonly urn: string;
  readonly regionCode?: string | null;
}
