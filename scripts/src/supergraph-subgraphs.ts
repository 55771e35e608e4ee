import { readFileSync } from 'node:fs';
import { SUBGRAPHS, type SubgraphInfo } from '@tdg/kit/subgraph-registry';
import { parse } from 'yaml';
import { SUPERGRAPH_CONFIG } from './composition.ts';

/** The subgraphs schema/supergraph.yaml lists, in its order, with their ports and variables from the registry. */
export function supergraphSubgraphs(configPath = SUPERGRAPH_CONFIG): SubgraphInfo[] {
  const names = Object.keys((parse(readFileSync(configPath, 'utf8')) as { subgraphs: Record<string, unknown> }).subgraphs);
  return names.map((name) => {
    const info = SUBGRAPHS.find((s) => s.name === name);
    if (!info) throw new Error(`${configPath}: subgraph ${name} is not in subgraphs/kit/src/subgraph-registry.ts`);
    return info;
  });
}
