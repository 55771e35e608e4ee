/** A set of schools named by area: all schools of an LA, or of a region. */
export interface SchoolScope {
  readonly kind: 'la' | 'region';
  readonly code: string;
}

/** SQL column a scope filters on (`s` is the school table, `la` the local_authority table). */
export const scopeColumn = (kind: SchoolScope['kind']): string => (kind === 'la' ? 's.la_code' : 'la.region_code');

export const scopeKey = (scope: SchoolScope): string => `${scope.kind}:${scope.code}`;
