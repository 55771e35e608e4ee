/**
 * `@tdg/kit/auth` — who calls, and who may read and write: the caller's identity as the gateway forwards it, the
 * `@access` directive's rules (enforced by the server on every field when a subgraph gives its owner/region
 * functions), the writer checks of mutations, and the request signature every subgraph verifies.
 */
export { type AccessFunctions, type AccessRule, enforceAccess, forbidden, unauthenticated } from './auth/access.ts';
export { type Identity, ORGANISATION_KINDS, type OrganisationKind, ROLES, type Role, hasRole, organisationId, parseOrganisation } from './auth/identity.ts';
export { SIGNATURE_HEADERS, SIGNATURE_WINDOW_MS, SignatureVerifier, type VerifyResult, signRequest } from './auth/signing.ts';
export { assertCanWrite, assertWriterOfKind } from './auth/write-access.ts';
