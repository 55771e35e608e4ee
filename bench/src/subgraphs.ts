/**
 * The four subgraphs, started once for the whole run as production processes (`node subgraphs/<name>/src/main.ts`)
 * over the benchmark databases, with the benchmark's signing secret and SQL statement counting (GET /stats/sql).
 */

import { readLocalSubgraphs } from '../../scripts/src/subgraph-list.ts';
import { BENCH_SIGNING_SECRET, type Ports, ROOT } from './config.ts';
import { type Child, startScript, waitUntil } from './processes.ts';

/** The subgraphs of schema/supergraph.yaml that run from this repository. */
const SUBGRAPHS = readLocalSubgraphs();

export interface RunningSubgraphs {
  readonly children: readonly Child[];
  /** GraphQL URL of each subgraph. */
  readonly urls: Readonly<Record<string, string>>;
  /** SQL statements each subgraph has run so far. */
  sqlStatements(): Promise<Record<string, number>>;
  /** SQL statements and bytes of GraphQL requests and responses of each subgraph so far. */
  stats(): Promise<Record<string, SubgraphStats>>;
}

export interface SubgraphStats {
  readonly statements: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
}

export async function startSubgraphs(ports: Ports, databaseEnv: Readonly<Record<string, string>>): Promise<RunningSubgraphs> {
  const children: Child[] = [];
  const urls = {} as Record<string, string>;
  const base = {} as Record<string, string>;
  for (const s of SUBGRAPHS) {
    const port = ports.subgraphs[s.name];
    base[s.name] = `http://127.0.0.1:${port}`;
    urls[s.name] = `${base[s.name]}/graphql`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...databaseEnv,
      NODE_ENV: 'production',
      // One JSON line per request would fill the log files over a full run (observability: LOG_LEVEL).
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      [`${s.envPrefix}_PORT`]: String(port),
      SUBGRAPH_SIGNING_SECRET: BENCH_SIGNING_SECRET,
      SQL_STATEMENT_STATS: '1',
    };
    delete env.DATABASE_URL;
    children.push(startScript(`subgraph-${s.name}`, `${ROOT}subgraphs/${s.name}/src/main.ts`, env));
  }
  await Promise.all(
    SUBGRAPHS.map((s, i) => waitUntil(children[i], 'health', async () => (await fetch(`${base[s.name]}/health`, { signal: AbortSignal.timeout(1000) })).ok)),
  );
  const stats = async () => {
    const entries = await Promise.all(
      SUBGRAPHS.map(async (s) => {
        const response = await fetch(`${base[s.name]}/stats/sql`);
        if (!response.ok) throw new Error(`${s.name}: GET /stats/sql answered ${response.status} (SQL_STATEMENT_STATS not supported?)`);
        const body = (await response.json()) as Partial<SubgraphStats>;
        return [s.name, { statements: body.statements ?? 0, requestBytes: body.requestBytes ?? 0, responseBytes: body.responseBytes ?? 0 }] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<string, SubgraphStats>;
  };
  return {
    children,
    urls,
    sqlStatements: async () => Object.fromEntries(Object.entries(await stats()).map(([name, s]) => [name, s.statements])) as Record<string, number>,
    stats,
  };
}
