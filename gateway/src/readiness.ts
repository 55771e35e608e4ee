import { signRequest } from '@tdg/kit/auth/signing';
import type { CurrentSupergraph } from './supergraph/current.ts';
import type { FileSupergraph } from './supergraph/file-supergraph.ts';

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
export async function checkSubgraphs(subgraphs: readonly { name: string; url: string }[], secret: string, timeoutMs = 5000): Promise<SubgraphStatus[]> {
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

/** What `GET /ready` answers: the supergraph served (and the last one refused since), and every subgraph's state. */
export interface ReadinessReport {
  readonly status: 'ready' | 'not ready';
  readonly supergraph: {
    /** SHA-256 of the supergraph served, hex. */
    readonly hash: string;
    readonly loadedAt: string;
    readonly subgraphCount: number;
    /** The supergraph file's last content the gateway refused (still serving this one), and why. */
    readonly refused?: { readonly hash: string; readonly at: string; readonly reason: string };
  };
  readonly subgraphs: SubgraphStatus[];
}

/** Ready when every subgraph of the supergraph served answers. */
export async function readinessReport(supergraph: CurrentSupergraph, file: FileSupergraph, secret: string): Promise<ReadinessReport> {
  const served = supergraph.current;
  if (!served) return { status: 'not ready', supergraph: { hash: '', loadedAt: '', subgraphCount: 0 }, subgraphs: [] };
  const subgraphs = await checkSubgraphs(served.subgraphs, secret);
  const refused = file.lastRefused;
  return {
    status: subgraphs.every((s) => s.ready) ? 'ready' : 'not ready',
    supergraph: {
      hash: served.hash,
      loadedAt: served.loadedAt.toISOString(),
      subgraphCount: served.subgraphs.length,
      ...(refused ? { refused: { hash: refused.hash, at: refused.at.toISOString(), reason: refused.reason } } : {}),
    },
    subgraphs,
  };
}
