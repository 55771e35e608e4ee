import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { encodeIdentity, SIGNATURE_HEADERS, signEncoded } from '@tdg/kit/auth/signing';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context.ts';
import { InFlightReads, type SharedAnswer } from './subgraph-calls/in-flight.ts';
import { accessScope } from './access-scope.ts';
import type { SubgraphFetchObserver } from './observability/subgraph-fetch.ts';

type ProcessOptions = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0];

/** Carries a read's access scope from willSendRequest to the fetcher (removed there: never sent to the subgraph). */
const READ_SCOPE_HEADER = 'x-tdg-read-scope';

export interface SignedDataSourceOptions {
  /**
   * Identical reads in flight share one subgraph call (subgraph-calls/in-flight.ts): same subgraph, same request body,
   * same access scope, and no write sent to this subgraph through this gateway since the first one started.
   */
  readonly shareInFlightReads: boolean;
  /** Milliseconds to wait for the subgraph's answer (SUBGRAPH_TIMEOUT_MS, `<NAME>_TIMEOUT_MS`). */
  readonly timeoutMs?: number;
  /** Metrics, request id and trace context of each call (observability/subgraph-fetch.ts). */
  readonly observe?: SubgraphFetchObserver;
}

/**
 * A subgraph data source that forwards the verified identity and signs each request (HMAC over timestamp, nonce,
 * identity and body; see subgraphs/kit/src/auth/signing.ts), so a subgraph can tell the request came from this gateway.
 * Requests go through Apollo's default fetcher (make-fetch-happen), which keeps connections to subgraphs alive.
 *
 * Identical reads in flight are sent once (when `shareInFlightReads`): callers with the same access scope asking the
 * same dashboard at the same time cost the subgraph one request. The call is signed as the first caller; the answer
 * is the same for every caller of that scope, since subgraphs decide reads on the scope alone. A write sent to the
 * subgraph starts a new epoch, so a read that starts after a write never shares a call begun before it.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraph: string;
  private readonly reads = new InFlightReads();
  /** Writes sent to this subgraph by this gateway so far: part of every read's key. */
  private writes = 0;
  private readonly shareReads: boolean;
  private readonly observe?: SubgraphFetchObserver;

  constructor(subgraph: string, url: string, secret: string, options: SignedDataSourceOptions = { shareInFlightReads: true }) {
    // The gateway sets the response cache's policy itself (response-cache/), not from subgraph headers.
    super({ url, honorSubgraphCacheControlHeader: false });
    this.subgraph = subgraph;
    this.shareReads = options.shareInFlightReads;
    this.observe = options.observe;
    // Apollo's default fetcher (make-fetch-happen, keep-alive connections), with the signature over the body as sent.
    const fetcher = this.fetcher;
    const signed = (input: string, headers: Record<string, string>, body: string, method: string) => {
      const signature = signEncoded(secret, headers[SIGNATURE_HEADERS.identity] ?? '', body);
      return fetcher(input, { method, headers: { ...headers, ...signature }, body });
    };
    const send = options.observe?.wrap(subgraph, signed) ?? signed;
    this.fetcher = (async (input: string, init: { body?: string; headers?: Record<string, string>; method?: string }) => {
      const { [READ_SCOPE_HEADER]: scope, ...headers } = init.headers ?? {};
      const body = init.body ?? '';
      const method = init.method ?? 'POST';
      if (scope === undefined) return send(input, headers, body, method);
      const answer = await this.reads.run(`${this.writes}\n${scope}\n${body}`, async (): Promise<SharedAnswer> => {
        const response = await send(input, headers, body, method);
        return { status: response.status, statusText: response.statusText, headers: [['content-type', response.headers.get('content-type') ?? 'application/json']], body: await response.text() };
      });
      return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: [...answer.headers] });
    }) as typeof fetcher;
  }

  /** Reads that were answered by another caller's call so far. */
  get sharedReads(): number {
    return this.reads.shared;
  }

  /** A failed subgraph call carries the subgraph's name; one that cannot be reached gets a stable code. */
  override didEncounterError(error: Error): never {
    if (error instanceof GraphQLError) {
      throw new GraphQLError(error.message, { originalError: error, extensions: { ...error.extensions, serviceName: this.subgraph } });
    }
    throw new GraphQLError(`The ${this.subgraph} subgraph is unavailable`, {
      originalError: error,
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.subgraph },
    });
  }

  override willSendRequest(options: ProcessOptions) {
    const { request, context } = options;
    request.http?.headers.set(SIGNATURE_HEADERS.identity, encodeIdentity(context?.identity ?? null));
    this.observe?.willSend(this.subgraph, request.http?.headers, context);
    // Every subgraph call made for an incoming query is a read; a mutation's calls (its entity fetches too) are writes.
    const operation = 'incomingRequestContext' in options ? options.incomingRequestContext.operation?.operation : undefined;
    if (operation === 'query') {
      if (this.shareReads) request.http?.headers.set(READ_SCOPE_HEADER, accessScope(context?.identity ?? null));
    } else {
      // A write (or anything not known to be a read) starts a new epoch: no later read shares a call begun before it.
      this.writes += 1;
    }
  }
}
