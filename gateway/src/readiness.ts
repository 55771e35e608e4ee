import { signRequest } from '@tdg/kit/auth/signing';

export interface SubgraphStatus {
  readonly name: string;
  readonly url: string;
  readonly ready: boolean;
  readonly error?: string;
}

/** Asks every subgraph `{ __typename }` (any Federation subgraph answers it), signed, within a timeout. */
export async function checkSubgraphs(urls: Readonly<Record<string, string>>, secret: string, timeoutMs = 2000): Promise<SubgraphStatus[]> {
  return Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        const body = JSON.stringify({ query: '{ __typename }' });
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signRequest(secret, null, body) },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        const answer = (await response.json()) as { data?: { __typename?: string } };
        const ready = response.ok && answer.data?.__typename === 'Query';
        return { name, url, ready, ...(ready ? {} : { error: `HTTP ${response.status}` }) };
      } catch (error) {
        return { name, url, ready: false, error: (error as Error).message };
      }
    }),
  );
}
