/**
 * A local authority or region as this subgraph knows it: a code and, when the gateway resolves a field that
 * `@requires` it, the URNs of the area's schools (from the local-authorities subgraph).
 */
export interface AreaReference {
  readonly code: string;
  readonly schoolUrns?: readonly string[] | null;
}

export type LocalAuthorityReference = AreaReference;
export type RegionReference = AreaReference;

/** An area of a kind, as the ITT-engagement loader keys it. */
export interface AreaKey {
  readonly kind: 'la' | 'region';
  readonly code: string;
  readonly schoolUrns: readonly string[];
  readonly academicYear: number;
}

export const areaKey = (k: AreaKey): string => `${k.kind}:${k.code}|${k.academicYear}`;
