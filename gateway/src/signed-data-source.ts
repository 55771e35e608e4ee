import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { encodeIdentity, SIGNATURE_HEADERS, signEncoded } from '@tdg/kit/auth/signing';
import { GraphQLError } from 'graphql';
import { accessScope } from './access-scope.ts';
import type { GatewayContext } from './context.ts';
import type { SubgraphFetchObserver } from './observability/subgraph-fetch.ts';
import { boundedResponse } from './subgraph-calls/bounded-response.ts';
import { FetchBatcher } from './subgraph-calls/fetch-batcher.ts';
import type { FetchCache } from './subgraph-calls/fetch-cache.ts';
import { subgraphHttpClient } from './subgraph-calls/http-client.ts';
import { InFlightReads, type SharedAnswer } from './subgraph-calls/in-flight.ts';
import { callWithDeadline, SubgraphTimeoutError } from './subgraph-calls/timeout-retry.ts';

type ProcessOptions = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0];

/** Carries a read's access scope from willSendRequest to the fetcher (removed there: never sent to the subgraph). */
const READ_SCOPE_HEADER = 'x-tdg-read-scope';
/** Marks a read (a query's call, which may be sent again after a connection error), likewise removed in the fetcher. */
const READ_HEADER = 'x-tdg-read';

/** Without SUBGRAPH_TIMEOUT_MS (tests that build a data source by hand). */
const DEFAULT_TIMEOUT_MS = 10_000;
/** Statuses whose Response cannot carry a body. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

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
  /** Largest answer read from the subgraph, in bytes (subgraph-calls/bounded-response.ts); unbounded when unset. */
  readonly maxResponseBytes?: number;
  /**
   * Reads to this subgraph that one incoming query starts together are sent as one request (subgraph-calls/
   * fetch-batcher.ts; BATCH_SUBGRAPH_FETCHES, on by default).
   */
  readonly batchFetches?: boolean;
  /** The entity cache, when on (subgraph-calls/fetch-cache.ts; ENTITY_CACHE_TTL_SECONDS). */
  readonly fetchCache?: FetchCache;
}

type ProcessArgs = GraphQLDataSourceProcessOptions<GatewayContext>;

/**
 * A subgraph data source that forwards the verified identity and signs each request (HMAC over timestamp, nonce,
 * identity and body; see subgraphs/kit/src/auth/signing.ts), so a subgraph can tell the request came from this gateway.
 * Requests go through Node's http client (subgraph-calls/http-client.ts), which keeps connections to subgraphs alive, each
 * under the subgraph's timeout (the socket closed when it passes) and a read retried once on a connection error
 * (subgraph-calls/timeout-retry.ts); a subgraph down or too slow fails with SUBGRAPH_UNAVAILABLE or SUBGRAPH_TIMEOUT.
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
  private readonly batcher?: FetchBatcher<ProcessArgs>;

  constructor(subgraph: string, url: string, secret: string, options: SignedDataSourceOptions = { shareInFlightReads: true }) {
    // The gateway sets the response cache's policy itself (response-cache/), not from subgraph headers.
    super({ url, honorSubgraphCacheControlHeader: false });
    this.subgraph = subgraph;
    this.shareReads = options.shareInFlightReads || options.fetchCache !== undefined;
    const cache = options.fetchCache;
    this.observe = options.observe;
    if (options.batchFetches ?? true) {
      this.batcher = new FetchBatcher<ProcessArgs>(
        (o) => super.process(o),
        (first, request) => ({ ...first, request: { ...request, http: first.request.http }, document: undefined, pathInIncomingRequest: undefined }) as ProcessArgs,
      );
    }
    // Node's http over keep-alive connections (subgraph-calls/http-client.ts), with the signature over the body as sent
    // (made again for a retry: a fresh nonce), under the deadline; the answer is read whole before the deadline.
    const fetcher = this.fetcher;
    const client = subgraphHttpClient();
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxBytes = options.maxResponseBytes;
    // Each call gives the answer read whole (a BufferedAnswer, shared as it is between callers and kept by the cache);
    // Apollo's data source gets it as a Response, made once.
    const timed =
      (read: boolean) =>
      (input: string, headers: Record<string, string>, body: string, method: string): Promise<SharedAnswer> =>
        callWithDeadline(
          (signal) => {
            const signature = signEncoded(secret, headers[SIGNATURE_HEADERS.identity] ?? '', body);
            const response = client.send(input, { method, headers: { ...headers, ...signature }, body, signal });
            // At most MAX_SUBGRAPH_RESPONSE_MB read (subgraph-calls/bounded-response.ts).
            return maxBytes ? response.then((r) => boundedResponse(r, maxBytes, subgraph)) : response;
          },
          { subgraph, timeoutMs, read },
        );
    const sends = { read: options.observe?.wrap(subgraph, timed(true)) ?? timed(true), write: options.observe?.wrap(subgraph, timed(false)) ?? timed(false) };
    const asResponse = (answer: SharedAnswer) =>
      new Response(NULL_BODY_STATUSES.has(answer.status) ? null : answer.body, { status: answer.status, statusText: answer.statusText, headers: [...answer.headers] });
    this.fetcher = (async (input: string, init: { body?: string; headers?: Record<string, string>; method?: string }) => {
      const { [READ_SCOPE_HEADER]: scope, [READ_HEADER]: read, ...headers } = init.headers ?? {};
      const send = read === undefined ? sends.write : sends.read;
      const body = init.body ?? '';
      const method = init.method ?? 'POST';
      if (scope === undefined) return asResponse(await send(input, headers, body, method));
      const readKey = `${this.writes}\n${scope}\n${body}`;
      const cacheKey = cache?.keyOf(subgraph, readKey);
      const cached = cacheKey ? cache?.get(subgraph, cacheKey) : undefined;
      const answer = cached ?? (await (options.shareInFlightReads ? this.reads.run(readKey, () => send(input, headers, body, method)) : send(input, headers, body, method)));
      if (cacheKey && !cached) cache?.set(cacheKey, answer);
      return asResponse(answer);
    }) as typeof fetcher;
  }

  /**
   * A query's fetches go through the batcher, grouped by the incoming request (its context object); a mutation's, a
   * health check's or a schema load's are sent as they are.
   */
  override process(options: ProcessArgs): Promise<GatewayGraphQLResponse> {
    if (this.batcher && options.kind === 'incoming operation' && options.incomingRequestContext.operation?.operation === 'query' && options.context) {
      return this.batcher.enqueue(options.context, options);
    }
    return super.process(options);
  }

  /** Reads that were answered by another caller's call so far. */
  get sharedReads(): number {
    return this.reads.shared;
  }

  /**
   * A failed subgraph call carries the subgraph's name and a stable code: SUBGRAPH_TIMEOUT when it did not answer in
   * time (or a proxy in front of it answered 504), SUBGRAPH_UNAVAILABLE when it could not be reached (or a proxy
   * answered 502/503); an error answer of its own keeps its code.
   */
  override didEncounterError(error: Error): never {
    const serviceName = this.subgraph;
    if (error instanceof SubgraphTimeoutError) {
      throw new GraphQLError(error.message, { originalError: error, extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName } });
    }
    if (error instanceof GraphQLError) {
      const status = (error.extensions.response as { status?: number } | undefined)?.status;
      if (status === 504) throw new GraphQLError(`The ${serviceName} subgraph did not answer in time (HTTP 504)`, { originalError: error, extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName } });
      if (status === 502 || status === 503) {
        throw new GraphQLError(`The ${serviceName} subgraph is unavailable (HTTP ${status})`, { originalError: error, extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName } });
      }
      throw new GraphQLError(error.message, { originalError: error, extensions: { ...error.extensions, serviceName } });
    }
    throw new GraphQLError(`The ${serviceName} subgraph is unavailable`, { originalError: error, extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName } });
  }

  override willSendRequest(options: ProcessOptions) {
    const { request, context } = options;
    request.http?.headers.set(SIGNATURE_HEADERS.identity, encodeIdentity(context?.identity ?? null));
    this.observe?.willSend(this.subgraph, request.http?.headers, context);
    // Every subgraph call made for an incoming query is a read; a mutation's calls (its entity fetches too) are writes.
    const operation = 'incomingRequestContext' in options ? options.incomingRequestContext.operation?.operation : undefined;
    if (operation === 'query') {
      request.http?.headers.set(READ_HEADER, '1');
      if (this.shareReads) request.http?.headers.set(READ_SCOPE_HEADER, accessScope(context?.identity ?? null));
    } else {
      // A write (or anything not known to be a read) starts a new epoch: no later read shares a call begun before it.
      this.writes += 1;
    }
  }
}
