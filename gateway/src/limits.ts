import { parseEnv } from '@tdg/kit/config';
import { z } from 'zod';
import { TIERS, type Tier } from './auth/tier.ts';

/** What one operation may ask for (depth, aliases, tokens, directives: GraphQL Armor's measures; cost: demand/). */
export interface OperationLimits {
  /** Deepest nesting of selections (introspection's `__schema` not counted). */
  readonly depth: number;
  /** Aliased fields (`a: field`) in the operation. */
  readonly aliases: number;
  /** Lexical tokens in the document (names, punctuation, values). */
  readonly tokens: number;
  /**
   * Budget of the operation's static cost (IBM GraphQL cost specification, demand/estimate-cost.ts): objects 1,
   * leaves 0, × each list's size (its `first`, capped, or the `@listSize` declared in the SDL).
   */
  readonly cost: number;
  /** Directives (`@include`, `@skip`, …) in the operation. */
  readonly directives: number;
}

/**
 * Per tier: anonymous callers strictest (public register reads), staff and analysts moderate (the dashboard questions
 * and their own records, with room to spare), administrators loosest. The operations in schema/operations/ reach at
 * most depth 7, 236 tokens, no alias and cost 3,100 (cold spots of a region with 100 schools, the default page); a
 * page of 500 schools with fields from every subgraph costs about 12,000. A region's LAs nested three levels deep
 * costs about 800,000 and is refused for everyone.
 */
export const OPERATION_LIMITS: Readonly<Record<Tier, OperationLimits>> = {
  anonymous: { depth: 6, aliases: 5, tokens: 1000, cost: 5000, directives: 10 },
  staff: { depth: 10, aliases: 20, tokens: 3000, cost: 20_000, directives: 25 },
  analyst: { depth: 10, aliases: 20, tokens: 3000, cost: 20_000, directives: 25 },
  admin: { depth: 20, aliases: 100, tokens: 10_000, cost: 100_000, directives: 50 },
};

/** The environment variable of one limit of one tier: MAX_DEPTH_ANALYST, COST_BUDGET_ANONYMOUS, … */
export const LIMIT_VARIABLES: Readonly<Record<keyof OperationLimits, string>> = {
  depth: 'MAX_DEPTH',
  aliases: 'MAX_ALIASES',
  tokens: 'MAX_TOKENS',
  cost: 'COST_BUDGET',
  directives: 'MAX_DIRECTIVES',
};
export const limitVariable = (limit: keyof OperationLimits, tier: Tier) => `${LIMIT_VARIABLES[limit]}_${tier.toUpperCase()}`;

/** Each tier's operation limits, each overridable by its variable (a whole number; depth, tokens and cost at least 1). */
export function loadOperationLimits(env: NodeJS.ProcessEnv = process.env): Readonly<Record<Tier, OperationLimits>> {
  const keys = Object.keys(LIMIT_VARIABLES) as (keyof OperationLimits)[];
  const shape = Object.fromEntries(
    TIERS.flatMap((tier) =>
      keys.map((limit) => [
        limitVariable(limit, tier),
        z.coerce
          .number()
          .int()
          .min(limit === 'aliases' || limit === 'directives' ? 0 : 1)
          .default(OPERATION_LIMITS[tier][limit]),
      ]),
    ),
  );
  const e = parseEnv(z.object(shape), env) as Record<string, number>;
  return Object.fromEntries(TIERS.map((tier) => [tier, Object.fromEntries(keys.map((limit) => [limit, e[limitVariable(limit, tier)]]))])) as unknown as Record<
    Tier,
    OperationLimits
  >;
}

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
