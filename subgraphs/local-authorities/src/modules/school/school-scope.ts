/** A set of schools named by area: all schools of an LA, or of a region. */
export interface SchoolScope {
  readonly kind: 'la' | 'region';
  readonly code: string;
}

export const scopeKey = (scope: SchoolScope): string => `${scope.kind}:${scope.code}`;
