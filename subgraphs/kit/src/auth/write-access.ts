import { forbidden, unauthenticated } from './access.ts';
import type { Identity, OrganisationKind } from './identity.ts';
import { hasRole } from './identity.ts';

/** Whose staff may write to a subgraph's records, by organisation kind, as the refusals name them. */
const WRITERS: Record<string, string> = {
  la: 'local-authority staff',
  tsh: "a Teaching School Hub's staff",
  scitt: "a SCITT's staff",
  hub: "a curriculum hub's staff",
};
/** How a refusal names the staff of a kind: a partner's own kind (`rs`) is named by its prefix. */
const writersOf = (kind: OrganisationKind): string => WRITERS[kind] ?? `staff of a "${kind}" organisation`;

/**
 * Writes: staff of the owning organisation, or an administrator. Returns the identity for the audit trail; throws
 * UNAUTHENTICATED for anonymous callers and FORBIDDEN for anyone else.
 */
export function assertCanWrite(identity: Identity | null, owner: string, what: string): Identity {
  if (!identity) throw unauthenticated(what, 'change');
  if (hasRole(identity, 'ADMIN')) return identity;
  if (hasRole(identity, 'ORG_STAFF') && identity.organisation === owner) return identity;
  throw forbidden(`Only ${owner} staff or an administrator may change ${what}`);
}

/**
 * Who may write to a subgraph at all, before the record (and so its owner) is known: administrators and the staff of an
 * organisation of the kind that owns its records. Anonymous callers get UNAUTHENTICATED, analysts and other kinds of
 * organisation FORBIDDEN, whatever they send; the record's own organisation is checked with `assertCanWrite` once known.
 */
export function assertWriterOfKind(identity: Identity | null, kind: OrganisationKind, what: string): Identity {
  if (!identity) throw unauthenticated(what, 'change');
  if (hasRole(identity, 'ADMIN')) return identity;
  if (hasRole(identity, 'ORG_STAFF') && identity.organisation?.startsWith(`${kind}:`)) return identity;
  throw forbidden(`Only ${writersOf(kind)} or an administrator may change ${what}`);
}
