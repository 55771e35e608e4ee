import type { Identity } from './identity.ts';
import { hasRole } from './identity.ts';
import { forbidden, unauthenticated } from './access.ts';

/**
 * Writes: staff of the owning organisation, or an administrator. Returns the identity for the audit trail; throws
 * UNAUTHENTICATED for anonymous callers and FORBIDDEN for anyone else.
 */
export function assertCanWrite(identity: Identity | null, owner: string, what: string): Identity {
  if (!identity) throw unauthenticated(what);
  if (hasRole(identity, 'ADMIN')) return identity;
  if (hasRole(identity, 'ORG_STAFF') && identity.organisation === owner) return identity;
  throw forbidden(`Only ${owner} staff or an administrator may change ${what}`);
}
