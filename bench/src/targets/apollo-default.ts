/**
 * Target 2: `@apollo/gateway` + `@apollo/server` as a user of the stack gets them — the standalone server, default
 * options, the default fetcher (make-fetch-happen) — with one addition any deployment in front of these subgraphs
 * needs: each subgraph request carries the caller's identity and the gateway's signature.
 * Run as its own process: PORT, SUPERGRAPH_PATH, SUBGRAPH_SIGNING_SECRET.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { SIGNATURE_HEADERS } from '@tdg/kit/auth/signing';
import { identityHeaderFor, signatureHeaders, targetEnv } from './signing.ts';

interface Context {
  readonly identityHeader: string;
}

class SignedRemoteGraphQLDataSource extends RemoteGraphQLDataSource<Context> {
  constructor(url: string) {
    super({ url });
    // The default fetcher, with the signature over the body as it is sent.
    const fetcher = this.fetcher;
    this.fetcher = ((input: string, init: { body?: string; headers?: Record<string, string> }) =>
      fetcher(input, {
        ...init,
        headers: { ...init.headers, ...signatureHeaders(init.headers?.[SIGNATURE_HEADERS.identity] ?? '', init.body ?? '') },
      } as never)) as typeof fetcher;
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<Context>['willSendRequest']>>[0]) {
    request.http?.headers.set(SIGNATURE_HEADERS.identity, context.identityHeader ?? '');
  }
}

const { port, supergraphPath } = targetEnv();
const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(supergraphPath, 'utf8'),
  buildService: ({ url }) => new SignedRemoteGraphQLDataSource(url!),
});
const server = new ApolloServer<Context>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port, host: '127.0.0.1' },
  context: async ({ req }) => ({ identityHeader: identityHeaderFor(req.headers.authorization) }),
});
console.log(`[apollo-default] ready at ${url}`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
