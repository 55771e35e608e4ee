import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Tier, tierOf } from './auth/tier.ts';
import { HttpGraphQLError } from './http-errors.ts';

/**
 * A per-identity rate limit over a one-minute window (`@fastify/rate-limit`, in memory): keyed by the token's subject,
 * or by the client IP for anonymous callers and refused tokens, with the tier's limit (0: no limit). Over it, HTTP 429
 * with `extensions.code` RATE_LIMITED and Retry-After. Routes registered with `config: { rateLimit: false }` (health,
 * readiness) are exempt. Registered after authentication, so the identity is known when the limit is counted.
 */
export async function registerRateLimit(app: FastifyInstance, perMinute: Readonly<Record<Tier, number>>): Promise<void> {
  const tier = (request: FastifyRequest) => tierOf(request.identity);
  await app.register(rateLimit, {
    global: true,
    timeWindow: 60_000,
    keyGenerator: (request) => (request.identity ? `sub:${request.identity.subject}` : `ip:${request.ip}`),
    max: (request) => perMinute[tier(request)],
    allowList: (request) => perMinute[tier(request)] === 0,
    errorResponseBuilder: (request, context) =>
      new HttpGraphQLError(
        429,
        'RATE_LIMITED',
        `Rate limit exceeded: ${context.max} requests per minute for ${request.identity ? `${request.identity.subject} (${tier(request)})` : 'anonymous callers from this address'}; retry in ${context.after}`,
      ),
  });
}
