import { signRequest } from '@tdg/kit/auth/signing';

/** One subgraph's state as `GET /ready` reports it. */
export interface SubgraphStatus {
  readonly name: string;
  readonly url: string;
  readonly ready: boolean;
  /** Milliseconds the subgraph took to answer `{ __typename }` (when it answered). */
  readonly latencyMs?: number;
  /** Why it is not ready (connection refused, timeout, HTTP status…). */
  readonly error?: string;
}

/** Asks every subgraph `{ __typename }` (any Federation subgraph answers it), signed, within a timeout. */
export async function checkSubgraphs(subgraphs: readonly { name: string; url: string }[], secret: string, timeoutMs = 2000): Promise<SubgraphStatus[]> {
  return Promise.all(
    subgraphs.map(async ({ name, url }) => {
      const started = performance.now();
      try {
        const body = JSON.stringify({ query: '{ __typename }' });
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signRequest(secret, null, body) },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        const answer = (await response.json()) as { data?: { __typename?: string } };
        const latencyMs = Math.round(performance.now() - started);
        const ready = response.ok && answer.data?.__typename === 'Query';
        return { name, url, ready, latencyMs, ...(ready ? {} : { error: `HTTP ${response.status}` }) };
      } catch (error) {
        const reason = error as Error & { cause?: { code?: string } };
        const message = reason.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (reason.cause?.code ?? reason.message);
        return { name, url, ready: false, error: message };
      }
    }),
  );
}
