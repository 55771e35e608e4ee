import { GraphQLError } from 'graphql';

export const RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE';

/** The parts of a fetch response this module reads (Apollo's fetcher and the global fetch both have them). */
interface FetchResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  readonly body?: unknown;
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`);

const tooLarge = (subgraph: string, maxBytes: number) =>
  new GraphQLError(`The ${subgraph} subgraph's answer is larger than ${size(maxBytes)}: ask for smaller pages (first:) or fewer nested lists.`, {
    extensions: { code: RESPONSE_TOO_LARGE, serviceName: subgraph },
  });

/**
 * A subgraph's answer, at most `maxBytes` long. Subgraphs send `content-length`, so a larger answer is refused from its
 * headers and its body discarded unread (one header read per call); an answer without one is counted as it streams and
 * dropped as soon as it passes the bound. Either way: RESPONSE_TOO_LARGE, naming the subgraph.
 */
export async function boundedResponse<R extends FetchResponse>(response: R, maxBytes: number, subgraph: string): Promise<R> {
  const length = Number(response.headers.get('content-length'));
  const body = (response as { body?: unknown }).body as (AsyncIterable<Uint8Array> & { destroy?: () => void; cancel?: () => Promise<void> }) | null;
  if (Number.isFinite(length) && length > 0) {
    if (length <= maxBytes) return response;
    body?.destroy?.();
    await body?.cancel?.().catch(() => undefined);
    throw tooLarge(subgraph, maxBytes);
  }
  if (!body || typeof body[Symbol.asyncIterator] !== 'function') return response;
  const chunks: Uint8Array[] = [];
  let read = 0;
  for await (const chunk of body) {
    read += chunk.byteLength;
    if (read > maxBytes) {
      body.destroy?.();
      throw tooLarge(subgraph, maxBytes);
    }
    chunks.push(chunk);
  }
  return new Response(Buffer.concat(chunks), {
    status: response.status,
    statusText: response.statusText,
    headers: [['content-type', response.headers.get('content-type') ?? 'application/json']],
  }) as unknown as R;
}
