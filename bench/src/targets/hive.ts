/**
 * Target 3: Hive Gateway's runtime (`createGatewayRuntime` from `@graphql-hive/gateway-runtime`, what the
 * `hive-gateway` CLI runs) on node:http with its defaults, plus a plugin that forwards the caller's identity and signs
 * each subgraph request. HIVE_PLANNER=rust swaps in the Rust query planner and executor of
 * `@graphql-hive/router-runtime` (the CLI's --hive-router-runtime). Run as its own process: PORT, SUPERGRAPH_PATH,
 * SUBGRAPH_SIGNING_SECRET, HIVE_PLANNER.
 */
import { createServer } from 'node:http';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { SIGNATURE_HEADERS } from '@tdg/kit/auth/signing';
import { identityHeaderFor, signatureHeaders, targetEnv } from './signing.ts';

const { port, supergraphPath } = targetEnv();
const rust = process.env.HIVE_PLANNER === 'rust';

const signSubgraphRequests: GatewayPlugin = {
  onFetch({ options, setOptions, context }) {
    const request = 'request' in context ? (context.request as Request | undefined) : undefined;
    if (!request) return;
    const identityHeader = identityHeaderFor(request.headers.get('authorization'));
    const body = typeof options.body === 'string' ? options.body : '';
    setOptions({
      ...options,
      headers: { ...(options.headers as Record<string, string>), [SIGNATURE_HEADERS.identity]: identityHeader, ...signatureHeaders(identityHeader, body) },
    });
  },
};

const runtime = createGatewayRuntime({
  supergraph: supergraphPath,
  // The identity travels as a propagated header, so that Hive's merging of identical in-flight subgraph requests (on by
  // default) never merges two callers' requests; the signature is added on each actual fetch (onFetch above).
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ [SIGNATURE_HEADERS.identity]: identityHeaderFor(request.headers.get('authorization')) }),
  },
  plugins: () => [signSubgraphRequests],
  ...(rust ? { unifiedGraphHandler } : {}),
});
const server = createServer(runtime);
server.listen(port, '127.0.0.1', () => console.log(`[hive${rust ? ' + router-runtime' : ''}] ready at http://127.0.0.1:${port}/graphql`));
const stop = async () => {
  server.close();
  await runtime.dispose();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
