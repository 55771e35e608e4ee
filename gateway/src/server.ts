import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { registerDrain } from '@tdg/kit/shutdown';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAuthentication } from './auth/authenticate.ts';
import { createTokenVerifier } from './auth/verify-token.ts';
import type { GatewayConfig } from './config.ts';
import { contextFromRequest, type GatewayContext } from './context.ts';
import { installErrorHandler } from './http-errors.ts';
import { fieldSuggestionsPlugin } from './plugins/field-suggestions.ts';
import { introspectionPlugin } from './plugins/introspection.ts';
import { operationLimitsPlugin } from './plugins/operation-limits.ts';
import { formatGatewayError } from './plugins/subgraph-errors.ts';
import { registerRateLimit } from './rate-limit.ts';
import { checkSubgraphs } from './readiness.ts';
import { SignedDataSource } from './signed-data-source.ts';
import { CurrentSupergraph, sha256 } from './supergraph/current.ts';
import { subgraphsOfSupergraph } from './supergraph/subgraph-list.ts';

export interface RunningGateway {
  readonly url: string;
  readonly app: FastifyInstance;
  /** SIGTERM's first step (@tdg/kit/shutdown): /ready answers 503, connections close after their answers. */
  startDraining(): void;
  close(): Promise<void>;
}

/** Largest request body (JSON with the query and its variables); larger ones are answered 413 REQUEST_TOO_LARGE. */
const BODY_LIMIT_BYTES = 256 * 1024;

/**
 * Starts the gateway: `POST /graphql` (Apollo Server over Apollo Gateway, serving the composed supergraph with the
 * configured subgraph URLs), `GET /health` (the gateway is up) and `GET /ready` (every subgraph answers).
 *
 * A request to /graphql goes: bearer token verified (auth/) → rate limit per identity (rate-limit.ts) → 401 if the
 * token was refused → CSRF check → parse and validate → introspection and per-tier operation limits (plugins/) →
 * the response cache when on (response-cache/: a query answered from it ends here) → query plan → subgraph calls,
 * signed with the identity (signed-data-source.ts).
 */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const sdl = readFileSync(config.supergraphPath, 'utf8');
  const supergraph = new CurrentSupergraph();
  supergraph.set({ sdl, hash: sha256(sdl), loadedAt: new Date(), subgraphs: config.subgraphSettings.resolve(subgraphsOfSupergraph(sdl)) });
  const gateway = new ApolloGateway({
    supergraphSdl: sdl,
    // Any subgraph the supergraph names: at its URL from the environment (<NAME>_URL), else its routing URL.
    buildService: ({ name, url }) => {
      const [endpoint] = config.subgraphSettings.resolve([{ name, routingUrl: url ?? '' }]);
      return new SignedDataSource(name, endpoint.url, config.signingSecret, { shareInFlightReads: config.shareInFlightReads });
    },
  });
  const verify = await createTokenVerifier(config.auth);
  // return503OnClosing off: a request that reached us while the listener closes (SIGTERM) is served, not refused.
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES, trustProxy: config.trustProxy, return503OnClosing: false });
  installErrorHandler(app, config.production);
  // Null unless RESPONSE_CACHE_TTL_SECONDS is set: then nothing of the cache is loaded or started.
  const responseCache =
    config.responseCache.ttlSeconds > 0
      ? await (await import('./response-cache/index.ts')).startResponseCache(config.responseCache, urlsOf(supergraph), config.signingSecret)
      : null;
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
      config.production ? ApolloServerPluginLandingPageProductionDefault() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      fieldSuggestionsPlugin(config.production),
      introspectionPlugin(config.production),
      operationLimitsPlugin(config.operationLimits),
      ...(responseCache?.plugins ?? []),
    ],
  });
  await apollo.start();
  const drain = registerDrain(app);
  registerAuthentication(app, verify, '/graphql');
  await registerRateLimit(app, config.rateLimits);
  app.get('/health', { config: { rateLimit: false } }, async () => ({ status: 'ok' }));
  app.get('/ready', { config: { rateLimit: false } }, async (_req, reply) => {
    const served = supergraph.current!;
    const subgraphs = await checkSubgraphs(served.subgraphs, config.signingSecret);
    const ready = subgraphs.every((s) => s.ready);
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not ready',
      supergraph: { hash: served.hash, loadedAt: served.loadedAt.toISOString(), subgraphCount: served.subgraphs.length },
      subgraphs,
    });
  });
  await app.register(fastifyApollo(apollo), { path: '/graphql', context: contextFromRequest });
  const address = await app.listen({ port: config.port, host: config.host });
  return {
    url: `${address.replace('127.0.0.1', 'localhost')}/graphql`,
    app,
    startDraining: drain.start,
    close: async () => {
      await app.close();
      responseCache?.close();
    },
  };
}

const urlsOf = (supergraph: CurrentSupergraph): Record<string, string> =>
  Object.fromEntries((supergraph.current?.subgraphs ?? []).map((s) => [s.name, s.url]));
