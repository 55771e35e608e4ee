import type { ApolloServerPlugin } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { DestinationStream } from 'pino';
import { Histogram } from 'prom-client';
import { DEFAULT_OBSERVABILITY, type ObservabilityConfig } from './config.ts';
import { GraphqlMetrics } from './graphql-metrics.ts';
import { createLogger, type Logger } from './logger.ts';
import { registerMetricsRoute } from './metrics-route.ts';
import { OperationLabels } from './operation-label.ts';
import { registerPoolMetrics } from './pool-metrics.ts';
import { recordPlugin } from './record-plugin.ts';
import { withRequestRecord } from './request-record.ts';
import { observeRequests } from './request-observer.ts';
import { traceResolvers } from './resolver-spans.ts';
import { observeSql } from './sql-observer.ts';

export interface SubgraphObservation {
  readonly logger: Logger;
  /** For Apollo Server's plugin list. */
  readonly plugins: ApolloServerPlugin[];
  /** Wraps the GraphQL context function, so plugins find the request's record. */
  context<C extends object>(build: (request: FastifyRequest) => Promise<C>): (request: FastifyRequest) => Promise<C>;
  /** Spans for the subgraph's own resolvers, when tracing is on (nothing otherwise). */
  instrument(schema: GraphQLSchema): void;
}

/**
 * Everything an operator sees of a subgraph (the kit's server, so every subgraph, partners' too): its request metrics,
 * database pool and SQL metrics and process metrics at `GET /metrics` (protected as configured, never signed), one JSON
 * log line per request, and with tracing on a span per request (continuing the gateway's traceparent), per resolver
 * and per SQL statement. Called first thing on the server's fastify instance.
 */
export async function observeSubgraph(
  app: FastifyInstance,
  name: string,
  orm: MikroORM,
  config: ObservabilityConfig = DEFAULT_OBSERVABILITY,
  logDestination?: DestinationStream,
): Promise<SubgraphObservation> {
  const metrics = new GraphqlMetrics(name);
  const logger = await createLogger(config, name, logDestination);
  const tracing = config.tracing !== null;
  observeRequests(app, { metrics, logger, tracing });
  await registerPoolMetrics(metrics.registry, orm);
  const sql = new Histogram({
    name: 'tdg_db_query_duration_seconds',
    help: 'SQL statements run by the subgraph, by first keyword and outcome',
    labelNames: ['statement', 'outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metrics.registry],
  });
  observeSql(orm, (took, failed, statement) => sql.observe({ statement, outcome: failed ? 'error' : 'ok' }, took / 1000));
  registerMetricsRoute(app, metrics.registry, config);
  return {
    logger,
    plugins: [recordPlugin(new OperationLabels())],
    context: withRequestRecord,
    instrument: (schema) => {
      if (tracing) traceResolvers(schema);
    },
  };
}
