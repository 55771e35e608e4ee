import { parseEnv } from '@tdg/kit/config';
import { z } from 'zod';
import { TIERS, type Tier } from './auth/tier.ts';

/** What one operation may ask for (GraphQL Armor's measures; see plugins/operation-limits.ts). */
export interface OperationLimits {
  /** Deepest nesting of selections (introspection's `__schema` not counted). */
  readonly depth: number;
  /** Aliased fields (`a: field`) in the operation. */
  readonly aliases: number;
  /** Lexical tokens in the document (names, punctuation, values). */
  readonly tokens: number;
  /** GraphQL Armor's cost: objects 2, scalars 1, ×1.5 per level, lists × a literal `first`/`last`. */
  readonly cost: number;
  /** Directives (`@include`, `@skip`, …) in the operation. */
  readonly directives: number;
}

/**
 * Per tier: anonymous callers strictest (public register reads), staff and analysts moderate (the dashboard questions
 * and their own records, with room to spare), administrators loosest. The five operations in schema/operations/ reach
 * at most depth 7, 236 tokens, cost 260 and no alias; a page of 100 schools with their LA costs about 3,400, the
 * largest page (500) of schools with fields from every subgraph about 32,000.
 */
export const OPERATION_LIMITS: Readonly<Record<Tier, OperationLimits>> = {
  anonymous: { depth: 6, aliases: 5, tokens: 1000, cost: 5000, directives: 10 },
  staff: { depth: 10, aliases: 20, tokens: 3000, cost: 50_000, directives: 25 },
  analyst: { depth: 10, aliases: 20, tokens: 3000, cost: 50_000, directives: 25 },
  admin: { depth: 20, aliases: 100, tokens: 10_000, cost: 200_000, directives: 50 },
};

/** Requests per minute per identity (per client IP for anonymous callers), in production. */
export const RATE_LIMITS_PER_MINUTE: Readonly<Record<Tier, number>> = { anonymous: 60, staff: 300, analyst: 300, admin: 1200 };

/** Outside production the rate limits are this many times higher (development and tests run many requests fast). */
export const DEVELOPMENT_RATE_FACTOR = 100;

export const rateLimitVariable = (tier: Tier) => `RATE_LIMIT_PER_MINUTE_${tier.toUpperCase()}`;

/** RATE_LIMIT_PER_MINUTE_ANONYMOUS, _STAFF, _ANALYST, _ADMIN (0 turns the limit off for that tier). */
export function loadRateLimits(env: NodeJS.ProcessEnv = process.env): Readonly<Record<Tier, number>> {
  const factor = env.NODE_ENV === 'production' ? 1 : DEVELOPMENT_RATE_FACTOR;
  const e = parseEnv(
    z.object(Object.fromEntries(TIERS.map((t) => [rateLimitVariable(t), z.coerce.number().int().min(0).default(RATE_LIMITS_PER_MINUTE[t] * factor)]))),
    env,
  ) as Record<string, number>;
  return Object.fromEntries(TIERS.map((t) => [t, e[rateLimitVariable(t)]])) as Record<Tier, number>;
}
