import { context as otelContext, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GraphqlMetrics } from './graphql-metrics.ts';
import type { Logger } from './logger.ts';
import { NO_OPERATION, safeErrorCode } from './operation-label.ts';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id.ts';
import type { RequestRecord } from './request-record.ts';

/** Status logged and counted for a request whose client went away before the answer (nginx's convention). */
const CLIENT_CLOSED = 499;

export interface RequestObserverOptions {
  readonly metrics: GraphqlMetrics;
  readonly logger: Logger;
  /** A server span per request, continuing the caller's W3C traceparent (only when tracing is on). */
  readonly tracing: boolean;
  readonly graphqlPath?: string;
  /** Adds to the request's log line and metrics when it ends (the gateway: subgraphs called, response cache). */
  readonly onFinish?: (record: RequestRecord, line: Record<string, unknown>) => void;
}

/**
 * Observes every HTTP request of a server: its id (the caller's valid `x-request-id` or a new one, returned in the
 * response header), GraphQL requests in flight, and when it ends the request metrics, one JSON log line (id, route,
 * status, duration, operation, outcome, error codes — never the URL's query string, headers or variables) and the end
 * of its span. Register it first, before other hooks and routes: with tracing on, its preHandler runs the rest of the
 * request inside the request's span.
 */
export function observeRequests(app: FastifyInstance, options: RequestObserverOptions): void {
  const path = options.graphqlPath ?? '/graphql';
  const { metrics, logger } = options;
  const tracer = trace.getTracer('tdg');
  app.decorateRequest('observed', null);
  app.addHook('onRequest', (request, reply, done) => {
    const graphql = request.routeOptions.url === path;
    const record: RequestRecord = {
      id: requestIdFrom(request.headers[REQUEST_ID_HEADER]),
      graphql,
      operation: NO_OPERATION,
      type: 'none',
      hasData: false,
      errors: [],
      subgraphs: new Set(),
      start: performance.now(),
      done: false,
    };
    request.observed = record;
    reply.header(REQUEST_ID_HEADER, record.id);
    if (graphql) metrics.inFlight.inc();
    if (options.tracing) {
      const parent = propagation.extract(ROOT_CONTEXT, request.headers);
      const route = request.routeOptions.url ?? 'unmatched';
      record.span = tracer.startSpan(
        `${request.method} ${route}`,
        { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'http.route': route, 'tdg.request_id': record.id } },
        parent,
      );
      record.spanContext = trace.setSpan(parent, record.span);
    }
    done();
  });
  if (options.tracing) {
    // Callback style on purpose: the next hooks and the handler run (or register their continuations) inside `with`.
    app.addHook('preHandler', (request, _reply, done) => {
      const spanContext = request.observed?.spanContext;
      if (spanContext) otelContext.with(spanContext, done);
      else done();
    });
  }
  app.addHook('onError', (request, _reply, error, done) => {
    request.observed?.errors.push({ code: safeErrorCode((error as { code?: unknown }).code) });
    done();
  });
  const finish = (request: FastifyRequest, status: number, aborted: boolean) => {
    const record = request.observed;
    if (!record || record.done) return;
    record.done = true;
    const ms = performance.now() - record.start;
    const codes = [...new Set(record.errors.map((e) => e.code))];
    const line: Record<string, unknown> = {
      requestId: record.id,
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status,
      durationMs: Math.round(ms * 10) / 10,
    };
    if (aborted) line.aborted = true;
    if (record.graphql) {
      metrics.inFlight.dec();
      const outcome = codes.length === 0 && status < 400 ? 'ok' : record.hasData ? 'partial' : 'error';
      const labels = { operation: record.operation, type: record.type };
      metrics.requests.inc({ ...labels, outcome, code: codes[0] ?? (status >= 400 ? `HTTP_${status}` : 'none') });
      metrics.duration.observe(labels, ms / 1000);
      for (const error of record.errors) metrics.errors.inc({ operation: record.operation, code: error.code });
      Object.assign(line, { operation: record.operation, operationType: record.type, outcome, errorCodes: codes });
    }
    options.onFinish?.(record, line);
    const span = record.span;
    if (span) {
      line.traceId = span.spanContext().traceId;
      span.setAttribute('http.response.status_code', status);
      if (record.graphql) span.setAttributes({ 'graphql.operation.name': record.operation, 'graphql.operation.type': record.type });
      if (codes.length > 0) span.setAttribute('tdg.error_codes', codes);
      if (status >= 500 || aborted) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    if (record.graphql) logger.info(line, 'request');
    else logger.debug(line, 'request');
  };
  app.addHook('onResponse', (request, reply, done) => {
    finish(request, reply.statusCode, false);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    // The reply is not sent: this still ends the request's count, line and span once.
    finish(request, CLIENT_CLOSED, true);
    done();
  });
}
