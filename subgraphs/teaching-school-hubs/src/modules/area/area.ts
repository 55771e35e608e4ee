/**
 * A local authority or region as this subgraph knows one: by code. When the gateway asks for induction or NPQ figures
 * it hands in the URNs of the area's schools (`@requires(fields: "schoolUrns")`), which only local-authorities holds.
 */
export interface AreaReference {
  readonly code: string;
  readonly schoolUrns?: readonly string[] | null;
}

export type LocalAuthorityReference = AreaReference;
export type RegionReference = AreaReference;

/** Kind of area, to tell LA and region keys apart in shared loaders. */
export type AreaKind = 'la' | 'region';
