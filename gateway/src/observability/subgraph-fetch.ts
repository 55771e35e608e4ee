import { context, propagation } from '@opentelemetry/api';
import { REQUEST_ID_HEADER } from '@tdg/kit/observability/request-id';
import { recordOfContext } from '@tdg/kit/observability/request-record';
import type { GatewayMetrics } from './metrics.ts';

/** How the signed data source sends one request to a subgraph (signed-data-source.ts). */
export type SubgraphSend<R extends { readonly status: number }> = (input: string, headers: Record<string, string>, body: string, method: string) => Promise<R>;

/** What the data sources are given to be observed (observability/index.ts makes it). */
export interface SubgraphFetchObserver {
  /** Wraps a subgraph's send: traceparent added, time and failures measured. */
  wrap<R extends { readonly status: number }>(subgraph: string, send: SubgraphSend<R>): SubgraphSend<R>;
  /** Before each subgraph request of an incoming request: passes its request id on and notes the subgraph called. */
  willSend(subgraph: string, headers: { set(name: string, value: string): void } | undefined, gatewayContext: unknown): void;
}

const TIMEOUT_NAMES = new Set(['TimeoutError', 'AbortError']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** A fetch that failed for lack of time (an abort signal's timeout, make-fetch-happen's or undici's timeouts). */
export function isTimeout(error: unknown): boolean {
  const e = error as { name?: string; code?: string; type?: string; cause?: unknown } | null;
  if (!e) return false;
  if (TIMEOUT_NAMES.has(e.name ?? '') || TIMEOUT_CODES.has(e.code ?? '') || e.type === 'request-timeout' || e.type === 'body-timeout') return true;
  return e.cause !== undefined && e.cause !== error && isTimeout(e.cause);
}

export function subgraphFetchObserver(metrics: GatewayMetrics, tracing: boolean): SubgraphFetchObserver {
  return {
    wrap: (subgraph, send) => async (input, headers, body, method) => {
      // W3C traceparent of the active span (Apollo's gateway.fetch): outside the signature, which covers its own headers.
      if (tracing) propagation.inject(context.active(), headers);
      metrics.fetchesInFlight.inc({ subgraph });
      const start = performance.now();
      let outcome = 'ok';
      try {
        const response = await send(input, headers, body, method);
        if (response.status >= 400) {
          outcome = 'error';
          metrics.fetchFailures.inc({ subgraph, reason: response.status >= 500 ? 'http_5xx' : 'http_4xx' });
        }
        return response;
      } catch (error) {
        const reason = isTimeout(error) ? 'timeout' : 'unreachable';
        outcome = reason === 'timeout' ? 'timeout' : 'error';
        metrics.fetchFailures.inc({ subgraph, reason });
        throw error;
      } finally {
        metrics.fetchesInFlight.dec({ subgraph });
        metrics.fetchDuration.observe({ subgraph, outcome }, (performance.now() - start) / 1000);
      }
    },
    willSend: (subgraph, headers, gatewayContext) => {
      const record = recordOfContext(gatewayContext);
      if (!record) return;
      record.subgraphs.add(subgraph);
      headers?.set(REQUEST_ID_HEADER, record.id);
    },
  };
}
