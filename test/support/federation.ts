import { loadGatewayConfig, type RunningGateway, startGateway } from '@tdg/gateway';
import type { SubgraphPackage } from '@tdg/kit/subgraph-package';
import { SUBGRAPH_PACKAGES } from '../../scripts/src/subgraph-packages.ts';
import { freePort } from './free-port.ts';
import { type graphql, startTestSubgraph, TEST_SIGNING_SECRET, type TestSubgraph } from './subgraph-harness.ts';
import { testAuthEnv } from './tokens.ts';

export interface TestFederation {
  readonly gatewayUrl: string;
  readonly gateway: RunningGateway;
  /** The subgraphs started, by name. */
  readonly subgraphs: Readonly<Record<string, TestSubgraph>>;
  /** SQL statements run by all subgraphs since the last reset. */
  sqlCount(): number;
  resetSqlCount(): void;
  /** Runs an operation through the gateway, anonymously or with a bearer token (see tokens.ts: `tokenFor`). */
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, operationName?: string, token?: string): ReturnType<typeof graphql<T>>;
  /** The same, with the answer's HTTP status and headers (e.g. the response cache's `x-response-cache`). */
  send<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, operationName?: string, token?: string): Promise<GatewayAnswer<T>>;
  close(): Promise<void>;
}

/**
 * The whole federation for a test: the four subgraphs over HTTP, each on its own fresh database loaded from the
 * folder, and the real gateway serving the committed supergraph in front of them, configured from the environment as
 * in production (NODE_ENV=test) and verifying test tokens (tokens.ts); `env` adds or overrides variables
 * (e.g. RATE_LIMIT_PER_MINUTE_ANONYMOUS, NODE_ENV=production, or RESPONSE_CACHE_ENV to turn the response cache on).
 */
/** Turns the gateway's response cache on, polling the subgraphs' data versions every 100 ms (see startFederation). */
export const RESPONSE_CACHE_ENV: Readonly<Record<string, string>> = { RESPONSE_CACHE_TTL_SECONDS: '300', RESPONSE_CACHE_POLL_MS: '100' };

export interface GatewayAnswer<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Awaited<ReturnType<typeof graphql<T>>>;
}

export interface FederationOptions {
  /**
   * The subgraphs to start: by default those of schema/supergraph.yaml with a folder under subgraphs/ (see
   * scripts/src/subgraph-packages.ts: `loadSubgraphPackages(readSubgraphList(otherList))` for another list). Serve a
   * supergraph composed from the same list (`SUPERGRAPH_PATH` in `env`).
   */
  readonly packages?: readonly SubgraphPackage[];
}

export async function startFederation(folder?: string, env: Record<string, string> = {}, options: FederationOptions = {}): Promise<TestFederation> {
  const packages = options.packages ?? SUBGRAPH_PACKAGES;
  const started = await Promise.all(packages.map(async (pkg) => [pkg.info.name, await startTestSubgraph(pkg, folder)] as const));
  const subgraphs = Object.fromEntries(started) as Record<string, TestSubgraph>;
  const urls = Object.fromEntries(packages.map((p) => [`${p.info.envPrefix}_URL`, subgraphs[p.info.name].url]));
  const gateway = await startGateway(
    loadGatewayConfig({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      GATEWAY_PORT: String(await freePort()),
      SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET,
      ...urls,
      ...(await testAuthEnv()),
      ...env,
    }),
  );
  const all = Object.values(subgraphs);
  return {
    gatewayUrl: gateway.url,
    gateway,
    subgraphs,
    sqlCount: () => all.reduce((n, sg) => n + sg.sqlCount(), 0),
    resetSqlCount: () => {
      for (const sg of all) sg.resetSqlCount();
    },
    query: async (q, variables = {}, operationName, token) => (await graphqlOperation(gateway.url, q, variables, operationName, token)).body as never,
    send: (q, variables = {}, operationName, token) => graphqlOperation(gateway.url, q, variables, operationName, token),
    close: async () => {
      await gateway.close();
      await Promise.all(all.map((sg) => sg.close()));
    },
  };
}

async function graphqlOperation<T>(url: string, query: string, variables: Record<string, unknown>, operationName?: string, token?: string): Promise<GatewayAnswer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GatewayAnswer<T>['body'] };
}
