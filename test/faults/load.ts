import { request as httpRequest } from 'node:http';
/**
 * A small load generator for the fault tests: `concurrency` loops, each sending one GraphQL request after another to
 * the gateway, and a record of every request: when it started and ended and how it ended.
 *
 * - answered: HTTP 200 with data and no error
 * - partial: HTTP 200 with data and errors (a subgraph missing: its fields null, the rest answered)
 * - refused: the connection was refused before anything was sent (the process had stopped listening: a load balancer
 *   sends it to another replica)
 * - failed: anything else (an HTTP error, no data, a connection reset or closed in the middle, no answer in time)
 */
export type Outcome = 'answered' | 'partial' | 'refused' | 'failed';

export interface RequestRecord {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly outcome: Outcome;
  readonly status?: number;
  /** Error codes and subgraph names of the answer's errors, or the network error's code. */
  readonly errors: { code?: string; serviceName?: string; message: string }[];
}

export interface GraphqlRequest {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly operationName?: string;
  readonly token?: string;
  /** Headers made from the exact body sent (e.g. the gateway's signature, to call a subgraph directly). */
  readonly sign?: (body: string) => Record<string, string>;
}

export interface Load {
  /** Every request so far. */
  readonly records: readonly RequestRecord[];
  /** Stops sending and waits for the requests in flight. */
  stop(): Promise<readonly RequestRecord[]>;
}

export interface LoadOptions {
  readonly concurrency?: number;
  /** A request not answered within this is `failed` (default 30 s: far beyond any configured timeout). */
  readonly requestTimeoutMs?: number;
  /** Pause between a loop's requests. */
  readonly pauseMs?: number;
  /** Each request on a connection of its own (see postOnOwnConnection). */
  readonly ownConnections?: boolean;
}

/**
 * A POST on a connection of its own (`Connection: close`, no pool): whether the request reached the server is then
 * unambiguous — a refused connection, or a request in flight that must be answered. (A pooled keep-alive connection
 * that the server closes while idle can be reset under a request the server never saw: load balancers retry those.)
 */
function postOnOwnConnection(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent: false, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('no answer in time'), { name: 'TimeoutError' })));
    req.on('error', (error) => reject(Object.assign(new Error(error.message), { cause: error })));
    req.end(body);
  });
}

/** Sends one request and classifies its end. */
export async function send(url: string, request: GraphqlRequest, timeoutMs = 30_000, ownConnection = false): Promise<RequestRecord> {
  const startedAt = Date.now();
  try {
    if (ownConnection) {
      const body = JSON.stringify({ query: request.query, variables: request.variables ?? {}, operationName: request.operationName });
      const headers = { 'content-type': 'application/json', ...(request.token ? { authorization: `Bearer ${request.token}` } : {}), ...request.sign?.(body) };
      const { status, text } = await postOnOwnConnection(url, headers, body, timeoutMs);
      return classify(startedAt, status, text);
    }
    const payload = JSON.stringify({ query: request.query, variables: request.variables ?? {}, operationName: request.operationName });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(request.token ? { authorization: `Bearer ${request.token}` } : {}), ...request.sign?.(payload) },
      body: payload,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return classify(startedAt, response.status, await response.text());
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const code = cause?.code ?? (error as Error).name;
    return { startedAt, endedAt: Date.now(), outcome: code === 'ECONNREFUSED' ? 'refused' : 'failed', errors: [{ code, message: (error as Error).message }] };
  }
}

function classify(startedAt: number, status: number, text: string): RequestRecord {
  let body: { data?: unknown; errors?: { message: string; extensions?: { code?: string; serviceName?: string } }[] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
  }
  const errors = (body.errors ?? []).map((e) => ({ code: e.extensions?.code, serviceName: e.extensions?.serviceName, message: e.message }));
  const hasData = body.data !== undefined && body.data !== null;
  const outcome: Outcome = status === 200 && hasData ? (errors.length ? 'partial' : 'answered') : 'failed';
  return { startedAt, endedAt: Date.now(), outcome, status, errors };
}

/** Starts `concurrency` loops sending requests from `next()` until stopped. */
export function startLoad(url: string, next: (i: number) => GraphqlRequest, options: LoadOptions = {}): Load {
  const records: RequestRecord[] = [];
  let running = true;
  let i = 0;
  const loops = Array.from({ length: options.concurrency ?? 4 }, async () => {
    while (running) {
      const request = next(i++);
      records.push(await send(url, request, options.requestTimeoutMs, options.ownConnections));
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  });
  return {
    records,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return records;
    },
  };
}

/** Counts of each outcome. */
export function tally(records: readonly RequestRecord[]): Record<Outcome | 'sent', number> {
  const counts = { sent: records.length, answered: 0, partial: 0, refused: 0, failed: 0 };
  for (const r of records) counts[r.outcome] += 1;
  return counts;
}

/** Waits until `check` is true, polling; returns the milliseconds it took, or throws after the timeout. */
export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000, everyMs = 100): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}
