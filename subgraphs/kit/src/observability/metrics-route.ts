import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { ObservabilityConfig } from './config.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `GET /metrics` in Prometheus's text format, when metrics are on. With a METRICS_TOKEN, only a request carrying
 * `Authorization: Bearer <token>` is answered (401 otherwise, compared in constant time); without one (development),
 * anyone who can reach the port may read it. Never behind the gateway's signature or the rate limit: a scraper is
 * neither a GraphQL caller nor the gateway.
 */
export function registerMetricsRoute(app: FastifyInstance, registry: Registry, config: Pick<ObservabilityConfig, 'metrics' | 'metricsToken'>): void {
  if (!config.metrics) return;
  const expected = config.metricsToken === null ? null : digest(config.metricsToken);
  app.get('/metrics', { config: { rateLimit: false } }, async (request, reply) => {
    if (expected !== null) {
      const bearer = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
      if (!bearer || !timingSafeEqual(digest(bearer[1]), expected)) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer realm="metrics"')
          .send({ errors: [{ message: 'Metrics need the bearer token configured as METRICS_TOKEN', extensions: { code: 'UNAUTHENTICATED' } }] });
      }
    }
    return reply.header('content-type', registry.contentType).header('cache-control', 'no-store').send(await registry.metrics());
  });
}
