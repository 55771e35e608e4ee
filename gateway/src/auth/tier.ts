import { hasRole, type Identity } from '@tdg/kit/auth/identity';

/**
 * Limits (operation size and cost, requests per minute) go by tier: anonymous callers, organisation staff, analysts
 * (regional and national) and administrators. An identity with several roles gets the most generous of its tiers.
 */
export const TIERS = ['anonymous', 'staff', 'analyst', 'admin'] as const;
export type Tier = (typeof TIERS)[number];

export function tierOf(identity: Identity | null): Tier {
  if (!identity) return 'anonymous';
  if (hasRole(identity, 'ADMIN')) return 'admin';
  if (hasRole(identity, 'NATIONAL_ANALYST') || hasRole(identity, 'REGIONAL_ANALYST')) return 'analyst';
  return 'staff';
}
