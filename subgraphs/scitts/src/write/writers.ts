import { forbidden, unauthenticated } from '@tdg/kit/auth/access';
import { type Identity, hasRole, organisationId } from '@tdg/kit/auth/identity';

/** The organisation owning a SCITT's records: `scitt:<scitt id>`. */
export const scittOrganisation = (scittId: string): string => organisationId('scitt', scittId);

/**
 * Who may write here at all: administrators and SCITT staff (each record's owner is checked with `assertCanWrite`
 * once the record is found). Anonymous callers get UNAUTHENTICATED; analysts and other organisations' staff FORBIDDEN,
 * before anything is looked up.
 */
export function assertScittWriter(identity: Identity | null, what: string): Identity {
  if (!identity) throw unauthenticated(what);
  if (hasRole(identity, 'ADMIN')) return identity;
  if (hasRole(identity, 'ORG_STAFF') && identity.organisation?.startsWith('scitt:')) return identity;
  throw forbidden(`Only a SCITT's staff or an administrator may change ${what}`);
}
