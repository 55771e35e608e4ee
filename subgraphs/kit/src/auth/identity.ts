/**
 * Who makes a request, as the gateway verified it from a bearer JWT and forwards it, signed, to the subgraphs.
 *
 * Roles:
 * - ORG_STAFF: staff of one organisation (`organisation`, e.g. `scitt:70245`, `tsh:EE3`, `la:808`, `hub:MATHS-E-03`,
 *   `rs:RS-A1`; any kind of lower-case letters and digits):
 *   read and write that organisation's personal records; read aggregates and non-personal data.
 * - REGIONAL_ANALYST: aggregates (counts, rates) within `regionScope` only; never personal records.
 * - NATIONAL_ANALYST: aggregates everywhere; never personal records.
 * - ADMIN: reads all; writes any organisation's records.
 */
export const ROLES = ['ORG_STAFF', 'REGIONAL_ANALYST', 'NATIONAL_ANALYST', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The organisation kinds of the graph's own subgraphs, as the prefix of an organisation id (`scitt:70245`). The list is
 * open: a partner joining the graph names its own kind (`rs:` for research schools, `mat:` …), lower-case letters and
 * digits starting with a letter, without any change here.
 */
export const ORGANISATION_KINDS = ['la', 'tsh', 'scitt', 'hub'] as const;
/** An organisation kind: one of ORGANISATION_KINDS or a partner's own (lower-case letters and digits, e.g. `rs`). */
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number] | (string & {});

/** `<kind>:<id>`: kind lower-case letters and digits starting with a letter, id letters, digits and hyphens. */
const ORGANISATION = /^([a-z][a-z0-9]*):([A-Za-z0-9-]+)$/;

export interface Identity {
  /** Subject of the verified token (a user or service id). */
  readonly subject: string;
  /** Organisation acted for, `<kind>:<id>`; null for analysts and administrators without one. */
  readonly organisation: string | null;
  readonly roles: readonly Role[];
  /** Region letter a regional analyst is limited to. */
  readonly regionScope: string | null;
}

export const hasRole = (identity: Identity | null, role: Role): boolean => identity?.roles.includes(role) ?? false;

/** Parses `<kind>:<id>`; null when malformed. */
export function parseOrganisation(value: string): { kind: OrganisationKind; id: string } | null {
  const m = ORGANISATION.exec(value);
  return m ? { kind: m[1], id: m[2] } : null;
}

/** The organisation id of an owner, e.g. `organisationId('scitt', '70245')` = `scitt:70245`. */
export const organisationId = (kind: OrganisationKind, id: string): string => `${kind}:${id}`;

/** Checks an identity's shape (as decoded from a header or claims); returns the problems found. */
export function identityProblems(identity: Identity): string[] {
  const problems: string[] = [];
  if (!identity.subject) problems.push('subject missing');
  if (identity.roles.length === 0) problems.push('no role');
  for (const r of identity.roles) if (!(ROLES as readonly string[]).includes(r)) problems.push(`unknown role ${r}`);
  if (identity.roles.includes('ORG_STAFF') && (!identity.organisation || !parseOrganisation(identity.organisation))) {
    problems.push('ORG_STAFF needs an organisation claim like scitt:70245');
  }
  if (identity.roles.includes('REGIONAL_ANALYST') && !/^[ABDEFGHJK]$/.test(identity.regionScope ?? '')) {
    problems.push('REGIONAL_ANALYST needs a region scope (A…K)');
  }
  return problems;
}
