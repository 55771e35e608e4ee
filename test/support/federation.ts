import { fileURLToPath } from 'node:url';
import { type RunningGateway, startGateway } from '@tdg/gateway';
import type { SubgraphName } from '@tdg/kit/subgraph-registry';
import { SUBGRAPH_PACKAGES } from '../../scripts/src/subgraph-packages.ts';
import { freePort } from './free-port.ts';
import { TEST_SIGNING_SECRET, type TestSubgraph, type graphql, startTestSubgraph } from './subgraph-harness.ts';

export interface TestFederation {
  readonly gatewayUrl: string;
  readonly gateway: RunningGateway;
  readonly subgraphs: Readonly<Record<SubgraphName, TestSubgraph>>;
  /** SQL statements run by all subgraphs since the last reset. */
  sqlCount(): number;
  resetSqlCount(): void;
  /** Runs an operation through the gateway. */
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, operationName?: string): ReturnType<typeof graphql<T>>;
  close(): Promise<void>;
}

/**
 * The whole federation for a test: the four subgraphs over HTTP, each on its own fresh database loaded from the
 * folder, and the real gateway serving the committed supergraph in front of them.
 */
export async function startFederation(folder?: string): Promise<TestFederation> {
  const started = await Promise.all(SUBGRAPH_PACKAGES.map(async (pkg) => [pkg.info.name, await startTestSubgraph(pkg, folder)] as const));
  const subgraphs = Object.fromEntries(started) as Record<SubgraphName, TestSubgraph>;
  const gateway = await startGateway({
    port: await freePort(),
    host: '127.0.0.1',
    production: false,
    supergraphPath: fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url)),
    subgraphUrls: Object.fromEntries(started.map(([name, sg]) => [name, sg.url])) as Record<SubgraphName, string>,
    signingSecret: TEST_SIGNING_SECRET,
  });
  const all = Object.values(subgraphs);
  return {
    gatewayUrl: gateway.url,
    gateway,
    subgraphs,
    sqlCount: () => all.reduce((n, sg) => n + sg.sqlCount(), 0),
    resetSqlCount: () => {
      for (const sg of all) sg.resetSqlCount();
    },
    query: (q, variables = {}, operationName) => graphqlOperation(gateway.url, q, variables, operationName),
    close: async () => {
      await gateway.close();
      await Promise.all(all.map((sg) => sg.close()));
    },
  };
}

async function graphqlOperation<T>(url: string, query: string, variables: Record<string, unknown>, operationName?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return (await response.json()) as Awaited<ReturnType<typeof graphql<T>>>;
}
