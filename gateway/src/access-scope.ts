import type { Identity } from '@tdg/kit/auth/identity';

/**
 * The part of a caller's identity that a read's answer can depend on: roles (in any order), organisation and region
 * scope. The subgraphs decide every read on these alone (subgraphs/kit/src/auth/access.ts, audit/audit-log.ts), and so
 * does the gateway (limits by tier, introspection for signed-in callers); the subject is only recorded by writes. Two
 * callers of one scope get the same answer to the same query; anonymous callers share a scope of their own.
 */
export function accessScope(identity: Identity | null): string {
  if (!identity) return 'anonymous';
  return JSON.stringify({ roles: [...identity.roles].sort(), organisation: identity.organisation, regionScope: identity.regionScope });
}
