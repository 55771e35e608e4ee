/**
 * A school as this subgraph knows it: its URN (the register belongs to the local-authorities subgraph) and, when a field
 * `@requires` it, its region letter as the gateway hands it in (for region-scoped figures).
 */
export interface SchoolReference {
  readonly urn: string;
  readonly regionCode?: string | null;
}
