import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { registerDrain } from '@tdg/kit/shutdown';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAuthentication } from './auth/authenticate.ts';
import { createTokenVerifier } from './auth/verify-token.ts';
import type { GatewayConfig } from './config.ts';
import { contextFromRequest, type GatewayContext } from './context.ts';
import { costDirectivesOf } from './demand/cost-directives.ts';
import { registerExport } from './export/index.ts';
import { installErrorHandler } from './http-errors.ts';
import { observeGateway } from './observability/index.ts';
import { explorerLandingPage, pagesPlugin } from './pages/index.ts';
import { demandControlPlugin } from './plugins/demand-control.ts';
import { fieldSuggestionsPlugin } from './plugins/field-suggestions.ts';
import { introspectionPlugin } from './plugins/introspection.ts';
import { operationLimitsPlugin } from './plugins/operation-limits.ts';
import { responseBoundsPlugin } from './plugins/response-bounds.ts';
import { formatGatewayError } from './plugins/subgraph-errors.ts';
import { registerRateLimit } from './rate-limit.ts';
import { readinessReport } from './readiness.ts';
import { FetchCache } from './subgraph-calls/fetch-cache.ts';
import { type CurrentSupergraph, supergraphGateway } from './supergraph/index.ts';

export interface RunningGateway {
  readonly url: string;
  readonly app: FastifyInstance;
  /** The supergraph served now, with a change event (supergraph/current.ts). */
  readonly supergraph: CurrentSupergraph;
  /** SIGTERM's first step (@tdg/kit/shutdown): /ready answers 503, connections close after their answers. */
  startDraining(): void;
  close(): Promise<void>;
}

/** Largest request body (JSON with the query and its variables); larger ones are answered 413 REQUEST_TOO_LARGE. */
const BODY_LIMIT_BYTES = 256 * 1024;

/**
 * Starts the gateway: `POST /graphql` (Apollo Server over Apollo Gateway, serving the composed supergraph with the
 * configured subgraph URLs), `GET /health` (the gateway is up), `GET /ready` (every subgraph answers) and `GET /metrics` (Prometheus; observability/).
 *
 * A request to /graphql goes: bearer token verified (auth/) → rate limit per identity (rate-limit.ts) → 401 if the
 * token was refused → CSRF check → parse and validate → introspection and per-tier operation limits (plugins/) →
 * demand control: the static cost against the tier's budget (plugins/demand-control.ts) →
 * the response cache when on (response-cache/: a query answered from it ends here) → query plan → subgraph calls,
 * signed with the identity (signed-data-source.ts).
 */
export async function startGateway(config: GatewayConfig, logDestination?: { write(line: string): void }): Promise<RunningGateway> {
  const verify = await createTokenVerifier(config.auth);
  // return503OnClosing off: a request that reached us while the listener closes (SIGTERM) is served, not refused.
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES, trustProxy: config.trustProxy, return503OnClosing: false });
  const observed = await observeGateway(app, config.observability, config.responseCache.ttlSeconds > 0, logDestination);
  // Apollo Gateway over the supergraph file, followed while it runs (supergraph/: hot reload, any Federation 2 supergraph).
  // The entity cache (ENTITY_CACHE_TTL_SECONDS): subgraph answers kept until that subgraph's data version changes.
  const fetchCache = config.entityCache.ttlSeconds > 0 ? new FetchCache({
          ttlMs: config.entityCache.ttlSeconds * 1000,
          maxBytes: config.entityCache.maxMb * 1024 * 1024,
          observe: (subgraph, result) => observed.metrics.entityCache.inc({ subgraph, result }),
        }) : undefined;
  const { gateway, supergraph, file } = supergraphGateway(config, { observe: observed.subgraphFetch, fetchCache });
  installErrorHandler(app, config.production);
  // The subgraphs' data versions, polled only when a cache is on (nothing of either is loaded or started otherwise).
  const caching = config.responseCache.ttlSeconds > 0 || fetchCache !== undefined;
  const versions = caching ? await (await import('./response-cache/data-versions.ts')).followDataVersions(supergraph, config.signingSecret, config.responseCache.pollMs) : null;
  if (versions) fetchCache?.useVersions(versions.versions);
  // Null unless RESPONSE_CACHE_TTL_SECONDS is set.
  const responseCache =
    versions && config.responseCache.ttlSeconds > 0 ? (await import('./response-cache/index.ts')).startResponseCache(config.responseCache, versions) : null;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Served to signed-in callers always, to anonymous ones outside production only (plugins/introspection.ts).
    introspection: true,
    csrfPrevention: true,
    // The loosest tier's token limit bounds parsing for everyone; each tier's own is checked after (operation-limits).
    parseOptions: { maxTokens: Math.max(...Object.values(config.operationLimits).map((l) => l.tokens)) },
    includeStacktraceInErrorResponses: !config.production,
    formatError: formatGatewayError(config.production),
    plugins: [
      fastifyApolloDrainPlugin(app),
      explorerLandingPage(config.pages),
      fieldSuggestionsPlugin(config.production),
      introspectionPlugin(config.production),
      operationLimitsPlugin(config.operationLimits),
      responseBoundsPlugin(),
      demandControlPlugin({ directives: () => costDirectivesOf(supergraph.current?.sdl ?? ''), limitsByTier: config.operationLimits }),
      ...(responseCache?.plugins ?? []),
      ...observed.plugins,
    ],
  });
  await apollo.start();
  // The gateway has loaded its supergraph: the response cache knows its subgraphs' versions before the first request.
  await versions?.ready();
  const drain = registerDrain(app);
  registerAuthentication(app, verify, '/graphql');
  await registerRateLimit(app, config.rateLimits);
  registerExport(app, '/graphql'); // Accept: text/csv or application/x-ndjson: the JSON answer streamed as rows
  app.get('/health', { config: { rateLimit: false } }, async () => ({ status: 'ok' }));
  app.get('/ready', { config: { rateLimit: false } }, async (_req, reply) => {
    const report = await readinessReport(supergraph, file, config.signingSecret);
    return reply.code(report.status === 'ready' ? 200 : 503).send(report);
  });
  await app.register(pagesPlugin, config.pages);
  await app.register(fastifyApollo(apollo), { path: '/graphql', context: observed.context(contextFromRequest) });
  const address = await app.listen({ port: config.port, host: config.host });
  return {
    url: `${address.replace('127.0.0.1', 'localhost')}/graphql`,
    app,
    supergraph,
    startDraining: drain.start,
    close: async () => {
      // Drains and closes the HTTP server (fastifyApolloDrainPlugin), then stops the gateway (the supergraph file's watch).
      await apollo.stop();
      versions?.close();
    },
  };
}

