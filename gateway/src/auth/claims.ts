import { type Identity, identityProblems, parseOrganisation, ROLES, type Role } from '@tdg/kit/auth/identity';
import type { JWTPayload } from 'jose';

/**
 * The claims of a bearer token beyond the registered ones (iss, aud, exp, nbf, iat):
 * - `sub`: the user or service;
 * - `org`: the organisation acted for, `<kind>:<id>` (`scitt:70245`, `tsh:NE2`, `la:808`, `hub:SLP-STELLAR`,
 *   `rs:RS-A1`: any kind of lower-case letters and digits), required
 *   with ORG_STAFF;
 * - `roles`: ORG_STAFF | REGIONAL_ANALYST | NATIONAL_ANALYST | ADMIN (at least one);
 * - `region`: the region letter (A…K) a REGIONAL_ANALYST is limited to.
 */
export interface IdentityClaims {
  readonly sub: string;
  readonly org?: string;
  readonly roles: readonly Role[];
  readonly region?: string;
}

/** The claims that carry an identity (for signing tokens). */
export function claimsOf(identity: Identity): IdentityClaims {
  return {
    sub: identity.subject,
    roles: identity.roles,
    ...(identity.organisation ? { org: identity.organisation } : {}),
    ...(identity.regionScope ? { region: identity.regionScope } : {}),
  };
}

export type ClaimsResult = { ok: true; identity: Identity } | { ok: false; problems: string[] };

/** Reads the identity from verified claims; lists every problem (missing or malformed claims, unknown roles). */
export function identityFromClaims(payload: JWTPayload): ClaimsResult {
  const problems: string[] = [];
  const { sub, org, roles, region } = payload as Record<string, unknown>;
  if (typeof sub !== 'string' || sub === '') problems.push('"sub" claim missing');
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) {
    problems.push(`"roles" claim must be an array of roles (${ROLES.join(', ')})`);
  }
  if (org !== undefined && (typeof org !== 'string' || !parseOrganisation(org))) problems.push('"org" claim must be <kind>:<id> like scitt:70245 or rs:RS-A1 (kind: lower-case letters and digits; id: letters, digits, hyphens)');
  if (region !== undefined && typeof region !== 'string') problems.push('"region" claim must be a region letter');
  if (problems.length > 0) return { ok: false, problems };
  const identity: Identity = {
    subject: sub as string,
    organisation: (org as string | undefined) ?? null,
    roles: roles as Role[],
    regionScope: (region as string | undefined) ?? null,
  };
  const more = identityProblems(identity);
  return more.length > 0 ? { ok: false, problems: more } : { ok: true, identity };
}
