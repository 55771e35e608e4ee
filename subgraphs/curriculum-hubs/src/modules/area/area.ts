/**
 * A local authority as the gateway hands it here: its code and, when a field `@requires` it, the URNs of its schools
 * (resolved by the local-authorities subgraph).
 */
export interface LocalAuthorityReference {
  readonly code: string;
  readonly schoolUrns?: readonly string[] | null;
}

/** A region as the gateway hands it here: its letter and, when required, the URNs of its schools. */
export interface RegionReference {
  readonly code: string;
  readonly schoolUrns?: readonly string[] | null;
}
