import type { ApolloServerPlugin } from '@apollo/server';
import type { ObservabilityConfig } from '@tdg/kit/observability/config';
import { createLogger, type Logger } from '@tdg/kit/observability/logger';
import { registerMetricsRoute } from '@tdg/kit/observability/metrics-route';
import { OperationLabels } from '@tdg/kit/observability/operation-label';
import { recordPlugin } from '@tdg/kit/observability/record-plugin';
import { observeRequests } from '@tdg/kit/observability/request-observer';
import { withRequestRecord } from '@tdg/kit/observability/request-record';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GatewayContext } from '../context.ts';
import { GatewayMetrics } from './metrics.ts';
import { type SubgraphFetchObserver, subgraphFetchObserver } from './subgraph-fetch.ts';

export interface GatewayObservation {
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  /** For Apollo Server's plugin list. */
  readonly plugins: ApolloServerPlugin<GatewayContext>[];
  /** Wraps the GraphQL context function, so plugins and data sources find the request's record. */
  context(build: (request: FastifyRequest) => Promise<GatewayContext>): (request: FastifyRequest) => Promise<GatewayContext>;
  /** Given to each subgraph's data source. */
  readonly subgraphFetch: SubgraphFetchObserver;
}

/**
 * Everything an operator sees of the gateway: `GET /metrics` (protected as configured), one JSON log line per request
 * (request id, operation, duration, status, outcome, error codes, subgraphs called, cache result), the request id
 * passed to the subgraphs, and with tracing on a server span per request whose context Apollo's own spans (plan,
 * fetch…) and the subgraphs' spans (through traceparent) join. Called first thing on the gateway's fastify instance.
 */
export async function observeGateway(
  app: FastifyInstance,
  config: ObservabilityConfig,
  responseCacheOn: boolean,
  logDestination?: { write(line: string): void },
): Promise<GatewayObservation> {
  const metrics = new GatewayMetrics();
  const logger = await createLogger(config, 'gateway', logDestination);
  const tracing = config.tracing !== null;
  observeRequests(app, {
    metrics,
    logger,
    tracing,
    onFinish: (record, line) => {
      if (!record.graphql) return;
      line.subgraphs = [...record.subgraphs];
      for (const error of record.errors) if (error.subgraph) metrics.subgraphErrors.inc({ subgraph: error.subgraph, code: error.code });
      if (responseCacheOn && record.cache) {
        line.cache = record.cache;
        metrics.responseCache.inc({ result: record.cache === 'HIT' ? 'hit' : 'miss' });
      }
    },
  });
  registerMetricsRoute(app, metrics.registry, config);
  return {
    logger,
    metrics,
    plugins: [recordPlugin<GatewayContext>(new OperationLabels())],
    context: withRequestRecord,
    subgraphFetch: subgraphFetchObserver(metrics, tracing),
  };
}
