import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DocumentNode } from 'graphql';
import { dataVersion } from './audit/data-version.ts';
import { type AccessFunctions, enforceAccess } from './auth/access.ts';
import type { Identity } from './auth/identity.ts';
import { SignatureVerifier } from './auth/signing.ts';
import type { SubgraphContext } from './context.ts';
import { formatSubgraphError } from './format-error.ts';
import { declarePageSizeCaps } from './page-size.ts';
import type { ObservabilityConfig } from './observability/config.ts';
import { observeSubgraph } from './observability/subgraph.ts';
import { boundLists, type RequestBoundsConfig, requestBoundsPlugin } from './request-bounds.ts';
import { registerDrain } from './shutdown.ts';
import { SUBGRAPH_BOUNDS } from './subgraph-config.ts';
import { countGraphqlTraffic } from './traffic-count.ts';

/** Everything that makes one subgraph: its schema, resolvers and how to build per-request loaders. */
export interface SubgraphModule<Loaders> {
  /** The subgraph's name, as the supergraph knows it (answers of /health, /ready and errors carry it). */
  readonly name: string;
  readonly typeDefs: DocumentNode;
  // biome-ignore lint/suspicious/noExplicitAny: generated resolver maps are checked where they are written
  readonly resolvers: GraphQLResolverMap<any>;
  /** Builds this request's DataLoaders over its forked EntityManager. */
  readonly createLoaders: (em: EntityManager) => Loaders;
  /**
   * Owner and region functions named by the SDL's `@access` directives. When given, every field's access rule is
   * enforced (fields without one need a signed-in identity); without it, the schema is served as it is.
   */
  // biome-ignore lint/suspicious/noExplicitAny: context of the subgraph
  readonly access?: AccessFunctions<any>;
  /** HTTP routes of its own beside /graphql, not signed (public data only), e.g. the register's published lookup. */
  readonly routes?: (app: FastifyInstance, orm: MikroORM) => void;
}

export interface ServeOptions {
  readonly orm: MikroORM;
  readonly port: number;
  readonly host?: string;
  /** Production mode: no stack traces or internal messages in responses. */
  readonly production?: boolean;
  /** Secret shared with the gateway: every GraphQL request must carry its signature (see auth/signing.ts). */
  readonly signingSecret: string;
  readonly plugins?: ApolloServerPlugin<SubgraphContext<unknown>>[];
  /**
   * When given, `GET /stats/sql` answers `{ statements, requestBytes, responseBytes }`: the SQL statements run and the
   * bytes of /graphql requests and responses so far (for the benchmark, traffic-count.ts).
   */
  readonly sqlStatements?: () => number;
  /** Objects and time one request may take (request-bounds.ts); SUBGRAPH_BOUNDS by default. */
  readonly bounds?: RequestBoundsConfig;
  /** Metrics, logs and traces (observability/); without it: metrics open, logs silent, no tracing. */
  readonly observability?: ObservabilityConfig;
  /** Where the JSON log lines go instead of stdout (tests). */
  readonly logDestination?: { write(line: string): void };
}

export interface RunningSubgraph {
  readonly url: string;
  readonly app: FastifyInstance;
  /** SIGTERM's first step (shutdown.ts): /ready answers 503, connections close after their answers. */
  startDraining(): void;
  close(): Promise<void>;
}

/** Paths that answer only requests signed by the gateway (auth/signing.ts). */
const SIGNED_PATHS = ['/graphql', '/data-version'];

/**
 * Starts a subgraph over HTTP: `POST /graphql` (Apollo Server with the subgraph schema), `GET /health` (process up),
 * `GET /ready` (its database answers), `GET /metrics` (Prometheus; observability/) and `GET /data-version` (`{ subgraph, version }`: changes with every committed
 * write or import, see audit/data-version.ts; signed like /graphql). Each request gets its own forked EntityManager
 * and DataLoaders.
 */
export async function serveSubgraph<L>(module: SubgraphModule<L>, options: ServeOptions): Promise<RunningSubgraph> {
  // return503OnClosing off: a request that reached us while the listener closes (SIGTERM) is served, not refused.
  const app = Fastify({ logger: false, bodyLimit: 50 * 1024 * 1024, return503OnClosing: false });
  const observed = await observeSubgraph(app, module.name, options.orm, options.observability, options.logDestination);
  const schema = buildSubgraphSchema([{ typeDefs: module.typeDefs, resolvers: module.resolvers }]);
  declarePageSizeCaps(module.typeDefs);
  if (module.access) enforceAccess(schema, module.access);
  boundLists(schema);
  observed.instrument(schema);
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema,
    includeStacktraceInErrorResponses: !options.production,
    formatError: (formatted, error) => formatSubgraphError(formatted, error, options.production ?? false),
    plugins: [
      fastifyApolloDrainPlugin(app),
      ApolloServerPluginInlineTraceDisabled(),
      requestBoundsPlugin(options.bounds ?? SUBGRAPH_BOUNDS),
      ...observed.plugins,
      ...((options.plugins ?? []) as ApolloServerPlugin<SubgraphContext<L>>[]),
    ],
  });
  await apollo.start();
  const drain = registerDrain(app);
  app.get('/health', async () => ({ status: 'ok', subgraph: module.name }));
  app.get('/ready', async (_req, reply) => {
    try {
      await options.orm.em.fork().getConnection().execute('select 1');
      return { status: 'ready', subgraph: module.name };
    } catch {
      return reply.code(503).send({ status: 'database unavailable', subgraph: module.name });
    }
  });
  const { sqlStatements } = options;
  const traffic = sqlStatements ? countGraphqlTraffic(app) : null;
  if (sqlStatements) app.get('/stats/sql', async () => ({ subgraph: module.name, statements: sqlStatements(), ...traffic }));
  // Only the gateway may call: the signature covers the raw body, so keep it as received.
  const verifier = new SignatureVerifier(options.signingSecret);
  const identities = new WeakMap<object, Identity | null>();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    (request as unknown as { rawBody: string }).rawBody = body as string;
    try {
      done(null, body === '' ? {} : JSON.parse(body as string));
    } catch (error) {
      (error as { statusCode?: number }).statusCode = 400;
      done(error as Error, undefined);
    }
  });
  app.addHook('preHandler', async (request, reply) => {
    // By the route matched, not the raw URL: `/%67raphql` reaches the /graphql route too.
    if (!SIGNED_PATHS.includes(request.routeOptions.url ?? '')) return;
    const raw = (request as unknown as { rawBody?: string }).rawBody ?? '';
    const result = verifier.verify(request.headers, raw);
    if (!result.ok) {
      return reply.code(401).send({ errors: [{ message: `Refused: ${result.reason}`, extensions: { code: 'UNAUTHENTICATED', serviceName: module.name } }] });
    }
    identities.set(request, result.identity);
  });
  app.get('/data-version', async () => ({ subgraph: module.name, version: await dataVersion(options.orm.em.fork()) }));
  module.routes?.(app, options.orm);
  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    context: observed.context(async (request) => {
      const em = options.orm.em.fork();
      return { em, loaders: module.createLoaders(em), identity: identities.get(request) ?? null };
    }),
  });
  const address = await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  return {
    url: `${address.replace('[::1]', 'localhost')}/graphql`,
    app,
    startDraining: drain.start,
    close: async () => {
      await app.close();
    },
  };
}
