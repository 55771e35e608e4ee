import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';

/** What the gateway reads of a subgraph's answer (boundedResponse, callWithDeadline). */
export interface SubgraphResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  /** The body as it streams (read at most once: either iterated or `text()`). */
  readonly body: IncomingMessage;
  text(): Promise<string>;
}

export interface SubgraphRequestInit {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly signal?: AbortSignal;
}

/** Idle keep-alive connections are closed after this long (subgraphs keep theirs 72 s: kit server.ts). */
const KEEP_ALIVE_MS = 30_000;

async function readText(body: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The HTTP client of subgraph calls: Node's own `http.request` over a keep-alive agent per data source. Apollo's default
 * fetcher, make-fetch-happen, adds an HTTP cache layer, retries and an agent (agent-base) that builds and reads a stack
 * trace on every request to tell HTTP from HTTPS: under load that was the largest part of the gateway's own CPU
 * (bench/README.md, profiling). An aborted call destroys its socket, so a slow subgraph does not pile connections up.
 */
export function subgraphHttpClient(): { send(url: string, init: SubgraphRequestInit): Promise<SubgraphResponse> } {
  const agents = { http: new http.Agent({ keepAlive: true, timeout: KEEP_ALIVE_MS }), https: new https.Agent({ keepAlive: true, timeout: KEEP_ALIVE_MS }) };
  return {
    send(url, init) {
      const secure = url.startsWith('https:');
      const body = Buffer.from(init.body, 'utf8');
      return new Promise<SubgraphResponse>((resolve, reject) => {
        const request = (secure ? https : http).request(
          url,
          { method: init.method, headers: { ...init.headers, 'content-length': String(body.byteLength) }, agent: secure ? agents.https : agents.http, signal: init.signal },
          (response) => {
            const headers = response.headers;
            resolve({
              status: response.statusCode ?? 0,
              statusText: response.statusMessage ?? '',
              headers: {
                get(name: string) {
                  const value = headers[name.toLowerCase()];
                  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : String(value);
                },
              },
              body: response,
              text: () => readText(response),
            });
          },
        );
        request.on('error', reject);
        request.end(body);
      });
    },
  };
}
