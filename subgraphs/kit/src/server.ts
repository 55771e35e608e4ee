import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DocumentNode } from 'graphql';
import type { SubgraphContext } from './context.ts';
import { formatSubgraphError } from './format-error.ts';
import type { SubgraphName } from './subgraph-registry.ts';

/** Everything that makes one subgraph: its schema, resolvers and how to build per-request loaders. */
export interface SubgraphModule<Loaders> {
  readonly name: SubgraphName;
  readonly typeDefs: DocumentNode;
  // biome-ignore lint/suspicious/noExplicitAny: generated resolver maps are checked where they are written
  readonly resolvers: GraphQLResolverMap<any>;
  /** Builds this request's DataLoaders over its forked EntityManager. */
  readonly createLoaders: (em: EntityManager) => Loaders;
}

export interface ServeOptions {
  readonly orm: MikroORM;
  readonly port: number;
  readonly host?: string;
  /** Production mode: no stack traces or internal messages in responses. */
  readonly production?: boolean;
  readonly plugins?: ApolloServerPlugin<SubgraphContext<unknown>>[];
}

export interface RunningSubgraph {
  readonly url: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * Starts a subgraph over HTTP: `POST /graphql` (Apollo Server with the subgraph schema), `GET /health` (process up)
 * and `GET /ready` (its database answers). Each request gets its own forked EntityManager and DataLoaders.
 */
export async function serveSubgraph<L>(module: SubgraphModule<L>, options: ServeOptions): Promise<RunningSubgraph> {
  const app = Fastify({ logger: false, bodyLimit: 50 * 1024 * 1024 });
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema: buildSubgraphSchema([{ typeDefs: module.typeDefs, resolvers: module.resolvers }]),
    includeStacktraceInErrorResponses: !options.production,
    formatError: (formatted, error) => formatSubgraphError(formatted, error, options.production ?? false),
    plugins: [fastifyApolloDrainPlugin(app), ApolloServerPluginInlineTraceDisabled(), ...((options.plugins ?? []) as ApolloServerPlugin<SubgraphContext<L>>[])],
  });
  await apollo.start();
  app.get('/health', async () => ({ status: 'ok', subgraph: module.name }));
  app.get('/ready', async (_req, reply) => {
    try {
      await options.orm.em.fork().getConnection().execute('select 1');
      return { status: 'ready', subgraph: module.name };
    } catch {
      return reply.code(503).send({ status: 'database unavailable', subgraph: module.name });
    }
  });
  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    context: async () => {
      const em = options.orm.em.fork();
      return { em, loaders: module.createLoaders(em), identity: null };
    },
  });
  const address = await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  return {
    url: `${address.replace('[::1]', 'localhost')}/graphql`,
    app,
    close: async () => {
      await app.close();
    },
  };
}
