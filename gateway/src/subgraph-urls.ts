import { readFileSync } from 'node:fs';
import { ConfigError } from '@tdg/kit/config';
import { envPrefixOf } from '@tdg/kit/subgraph-info';
import { z } from 'zod';
import { graphsOfSupergraph, type SupergraphGraph } from './supergraph-graphs.ts';

/**
 * The subgraph URLs the gateway calls, for the subgraphs of the supergraph it serves: `<PREFIX>_URL` when set, else
 * `http://127.0.0.1:<PREFIX>_PORT/graphql` when the port is set (as `npm start` runs them), else the routing URL the
 * supergraph was composed with (`routing_url` of schema/supergraph.yaml). The prefix is the subgraph's name in capitals
 * (`research-schools` → `RESEARCH_SCHOOLS`).
 */
export function subgraphUrlVariables(supergraphPath: string) {
  let graphs: SupergraphGraph[] = [];
  let problem: string | undefined;
  try {
    graphs = graphsOfSupergraph(readFileSync(supergraphPath, 'utf8'));
    if (graphs.length === 0) problem = `SUPERGRAPH_PATH: ${supergraphPath} names no subgraph (no join__Graph values): is it a composed supergraph?`;
  } catch (error) {
    problem = `SUPERGRAPH_PATH: cannot read the supergraph ${supergraphPath}: ${(error as Error).message.split('\n')[0]}`;
  }
  const shape: Record<string, z.ZodType> = {};
  for (const g of graphs) {
    shape[`${envPrefixOf(g.name)}_URL`] = z.string().url().optional();
    shape[`${envPrefixOf(g.name)}_PORT`] = z.coerce.number().int().min(1).max(65535).optional();
  }
  return {
    shape,
    /** Throws a ConfigError when the supergraph could not be read. */
    check: () => {
      if (problem) throw new ConfigError([problem]);
    },
    urls: (e: Record<string, unknown>): Record<string, string> =>
      Object.fromEntries(
        graphs.map((g) => {
          const p = envPrefixOf(g.name);
          const port = e[`${p}_PORT`] as number | undefined;
          return [g.name, (e[`${p}_URL`] as string | undefined) ?? (port ? `http://127.0.0.1:${port}/graphql` : g.url)];
        }),
      ),
  };
}
