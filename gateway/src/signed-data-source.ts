import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { SIGNATURE_HEADERS, encodeIdentity, signEncoded } from '@tdg/kit/auth/signing';
import type { GatewayContext } from './context.ts';

/**
 * A subgraph data source that forwards the verified identity and signs each request (HMAC over timestamp, nonce,
 * identity and body; see subgraphs/kit/src/auth/signing.ts), so a subgraph can tell the request came from this gateway.
 * Requests go through Node's fetch (undici), which keeps connections to subgraphs alive.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraph: string;

  constructor(subgraph: string, url: string, secret: string) {
    super({
      url,
      fetcher: (async (input: string, init: { body?: string; headers?: unknown; method?: string }) => {
        const headers = new Headers(init.headers as ConstructorParameters<typeof Headers>[0]);
        const body = typeof init.body === 'string' ? init.body : '';
        const identity = headers.get(SIGNATURE_HEADERS.identity) ?? '';
        for (const [k, v] of Object.entries(signEncoded(secret, identity, body))) headers.set(k, v);
        return fetch(input, { method: init.method ?? 'POST', headers, body: init.body });
      }) as never,
    });
    this.subgraph = subgraph;
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

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    request.http?.headers.set(SIGNATURE_HEADERS.identity, encodeIdentity(context?.identity ?? null));
  }
}
