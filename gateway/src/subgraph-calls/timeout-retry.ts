/**
 * A subgraph call with a deadline and one retry: the call (sending the request and reading the whole answer) is
 * aborted when the subgraph has not answered within its timeout — the abort closes the socket, so a slow subgraph does
 * not pile up open connections — and a read that could not reach the subgraph (connection refused or reset, socket hang
 * up) is sent once more, freshly signed, while time remains. A write is never sent twice, and nothing is sent again
 * after a timeout (the subgraph may still be working on it).
 */

/** An answer read whole within the deadline. */
export interface BufferedAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: readonly [string, string][];
  readonly body: string;
}

/** The subgraph did not answer within its timeout. */
export class SubgraphTimeoutError extends Error {
  readonly code = 'SUBGRAPH_TIMEOUT';
  readonly timeoutMs: number;
  constructor(subgraph: string, timeoutMs: number) {
    super(`The ${subgraph} subgraph did not answer within ${timeoutMs} ms`);
    // The name fetch gives a timeout (observability/subgraph-fetch.ts counts it as one).
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

/** The request could not reach the subgraph, or the connection broke before an answer: safe to send a read again. */
export function isConnectionError(error: unknown): boolean {
  for (let e = error as { code?: string; message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (CONNECTION_CODES.has(e.code ?? '') || /socket hang up/i.test(e.message ?? '')) return true;
  }
  return false;
}

/** Sends one request (signed afresh each time it is called) and gives the response; `signal` aborts it. */
export type Send = (signal: AbortSignal) => Promise<{ status: number; statusText: string; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export interface CallOptions {
  readonly subgraph: string;
  readonly timeoutMs: number;
  /** A read may be sent again after a connection error; a write never. */
  readonly read: boolean;
  /** Told of each retry (tests, logs). */
  readonly onRetry?: (error: unknown) => void;
}

/** Calls `send` under the deadline, retrying a read once on a connection error; the answer is read whole. */
export async function callWithDeadline(send: Send, options: CallOptions): Promise<BufferedAnswer> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new SubgraphTimeoutError(options.subgraph, options.timeoutMs));
  }, options.timeoutMs);
  const attempt = async (): Promise<BufferedAnswer> => {
    const response = await send(controller.signal);
    const body = await response.text();
    return { status: response.status, statusText: response.statusText, headers: [['content-type', response.headers.get('content-type') ?? 'application/json']], body };
  };
  try {
    try {
      return await attempt();
    } catch (error) {
      if (timedOut || !options.read || !isConnectionError(error)) throw error;
      options.onRetry?.(error);
      return await attempt();
    }
  } catch (error) {
    if (timedOut) throw new SubgraphTimeoutError(options.subgraph, options.timeoutMs);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
