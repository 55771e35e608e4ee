import { GraphqlMetrics, LATENCY_BUCKETS } from '@tdg/kit/observability/graphql-metrics';
import { Counter, Gauge, Histogram } from 'prom-client';

/**
 * The gateway's metrics: those of every GraphQL server (kit's GraphqlMetrics: requests by operation, outcome and code,
 * latency, in flight, process) and its own — each subgraph fetch's time, failures (timeout, unreachable, HTTP status
 * class) and fetches in flight, GraphQL errors attributed to a subgraph, and response-cache and entity-cache hits and misses.
 */
export class GatewayMetrics extends GraphqlMetrics {
  /** Time from sending a subgraph request to its response headers, by subgraph and outcome (ok, error, timeout). */
  readonly fetchDuration: Histogram<'subgraph' | 'outcome'>;
  readonly fetchFailures: Counter<'subgraph' | 'reason'>;
  readonly fetchesInFlight: Gauge<'subgraph'>;
  readonly subgraphErrors: Counter<'subgraph' | 'code'>;
  readonly responseCache: Counter<'result'>;
  readonly entityCache: Counter<'subgraph' | 'result'>;

  constructor() {
    super('gateway');
    const registers = [this.registry];
    this.fetchDuration = new Histogram({
      name: 'tdg_subgraph_fetch_duration_seconds',
      help: 'Subgraph requests sent by the gateway: time to the response headers, by subgraph and outcome (ok, error, timeout)',
      labelNames: ['subgraph', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.fetchFailures = new Counter({
      name: 'tdg_subgraph_fetch_failures_total',
      help: 'Subgraph requests that failed, by subgraph and reason (timeout, unreachable, http_4xx, http_5xx)',
      labelNames: ['subgraph', 'reason'],
      registers,
    });
    this.fetchesInFlight = new Gauge({ name: 'tdg_subgraph_fetches_in_flight', help: 'Subgraph requests waiting for an answer now', labelNames: ['subgraph'], registers });
    this.subgraphErrors = new Counter({
      name: 'tdg_subgraph_errors_total',
      help: 'Errors in gateway answers that came from a subgraph (extensions.serviceName), by subgraph and code',
      labelNames: ['subgraph', 'code'],
      registers,
    });
    this.responseCache = new Counter({
      name: 'tdg_response_cache_requests_total',
      help: 'Queries looked up in the response cache (only while it is on), by result (hit, miss)',
      labelNames: ['result'],
      registers,
    });
    this.entityCache = new Counter({
      name: 'tdg_entity_cache_lookups_total',
      help: 'Subgraph fetches looked up in the entity cache (only while it is on), by subgraph and result (hit, miss)',
      labelNames: ['subgraph', 'result'],
      registers,
    });
  }
}
