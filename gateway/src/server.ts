import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { SubgraphName } from '@tdg/kit/subgraph-registry';
import Fastify, { type FastifyInstance } from 'fastify';
import type { GatewayConfig } from './config.ts';
import { type GatewayContext, anonymousContext } from './context.ts';
import { formatGatewayError } from './plugins/subgraph-errors.ts';
import { checkSubgraphs } from './readiness.ts';
import { SignedDataSource } from './signed-data-source.ts';

export interface RunningGateway {
  readonly url: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * Starts the gateway: `POST /graphql` (Apollo Server over Apollo Gateway, serving the composed supergraph with the
 * configured subgraph URLs), `GET /health` (the gateway is up) and `GET /ready` (every subgraph answers).
 */
export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    buildService: ({ name, url }) => new SignedDataSource(name, config.subgraphUrls[name as SubgraphName] ?? url!, config.signingSecret),
  });
  const app = Fastify({ logger: false });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    includeStacktraceInErrorResponses: !config.production,
    formatError: formatGatewayError(config.production),
    plugins: [
      fastifyApolloDrainPlugin(app),
      config.production ? ApolloServerPluginLandingPageProductionDefault() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
  await apollo.start();
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_req, reply) => {
    const subgraphs = await checkSubgraphs(config.subgraphUrls, config.signingSecret);
    const ready = subgraphs.every((s) => s.ready);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', subgraphs });
  });
  await app.register(fastifyApollo(apollo), { path: '/graphql', context: anonymousContext });
  const address = await app.listen({ port: config.port, host: config.host });
  return {
    url: `${address.replace('127.0.0.1', 'localhost')}/graphql`,
    app,
    close: async () => {
      await app.close();
    },
  };
}
