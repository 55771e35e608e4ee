import type { Context, Span } from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';

/** What is learned about one HTTP request while it is answered, for its metrics, its log line and its span. */
export interface RequestRecord {
  readonly id: string;
  /** A request to the GraphQL route (counted in the GraphQL metrics, logged at info). */
  readonly graphql: boolean;
  /** Bounded operation label (operation-label.ts): `none` until an operation passed validation. */
  operation: string;
  /** query | mutation | subscription, or `none`. */
  type: string;
  /** The answer carried data (a partial answer when there are errors too). */
  hasData: boolean;
  /** Error codes of the answer (safeErrorCode), with the subgraph an error came from (gateway). */
  readonly errors: { code: string; subgraph?: string }[];
  /** Subgraphs this request called (gateway). */
  readonly subgraphs: Set<string>;
  /** HIT or MISS when the gateway's response cache is on and the operation is a query. */
  cache?: 'HIT' | 'MISS';
  /** The request's server span and the context that holds it, when tracing is on. */
  span?: Span;
  spanContext?: Context;
  /** performance.now() when the request arrived. */
  readonly start: number;
  done: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the request observer on every request (request-observer.ts). */
    observed: RequestRecord | null;
  }
}

/**
 * Where a GraphQL context keeps its request's record: a symbol key, so it is never part of what resolvers see by name,
 * and enumerable, so it survives Apollo Server's shallow copy of the context for each operation.
 */
const RECORD = Symbol('tdg.requestRecord');

/** The record of the request a GraphQL context was built for (Apollo plugins and data sources see only the context). */
export const recordOfContext = (context: unknown): RequestRecord | undefined =>
  typeof context === 'object' && context !== null ? (context as { [RECORD]?: RequestRecord })[RECORD] : undefined;

/** Wraps an Apollo integration's context function so the context it builds leads back to the request's record. */
export function withRequestRecord<C extends object>(build: (request: FastifyRequest) => Promise<C>): (request: FastifyRequest) => Promise<C> {
  return async (request) => {
    const context = await build(request);
    if (request.observed) (context as { [RECORD]?: RequestRecord })[RECORD] = request.observed;
    return context;
  };
}
