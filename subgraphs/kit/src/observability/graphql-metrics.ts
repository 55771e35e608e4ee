import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: from a cached answer (~1 ms) to a subgraph's time-out. */
export const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The metrics every GraphQL server of the project keeps (the gateway and each subgraph), in a registry of its own
 * labelled with the service's name, with prom-client's default process metrics (resident memory, heap, event-loop
 * lag, GC, open handles). Label values are bounded: operation names through OperationLabels, codes through
 * safeErrorCode, outcomes and types from fixed sets.
 */
export class GraphqlMetrics {
  readonly registry = new Registry();
  /** GraphQL requests by operation, operation type, outcome (ok | partial | error) and first error code (`none`). */
  readonly requests: Counter<'operation' | 'type' | 'outcome' | 'code'>;
  /** Errors in answers by code (each error counted). */
  readonly errors: Counter<'operation' | 'code'>;
  readonly duration: Histogram<'operation' | 'type'>;
  readonly inFlight: Gauge;

  constructor(service: string) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'tdg_graphql_requests_total',
      help: 'GraphQL requests answered, by operation name (bounded), type, outcome (ok, partial, error) and first error code',
      labelNames: ['operation', 'type', 'outcome', 'code'],
      registers,
    });
    this.errors = new Counter({ name: 'tdg_graphql_errors_total', help: 'Errors in GraphQL answers, by operation and code', labelNames: ['operation', 'code'], registers });
    this.duration = new Histogram({
      name: 'tdg_graphql_request_duration_seconds',
      help: 'Time to answer a GraphQL request, by operation name (bounded) and type',
      labelNames: ['operation', 'type'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.inFlight = new Gauge({ name: 'tdg_graphql_requests_in_flight', help: 'GraphQL requests being answered now', registers });
  }
}
