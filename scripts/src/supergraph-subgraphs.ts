import { join } from 'node:path';
import { type SubgraphInfo, readSubgraphInfo } from '@tdg/kit/subgraph-info';
import { SUPERGRAPH_CONFIG, readLocalSubgraphs } from './subgraph-list.ts';

/**
 * The subgraphs schema/supergraph.yaml lists that run from this repository, in its order, with the ports, databases
 * and variables their packages declare (the `tdg` field of `subgraphs/<name>/package.json`).
 */
export function supergraphSubgraphs(configPath = SUPERGRAPH_CONFIG): SubgraphInfo[] {
  return readLocalSubgraphs(configPath).map((s) => {
    const info = readSubgraphInfo(join(s.folder!, 'package.json'));
    if (info.name !== s.name) throw new Error(`${s.folder}/package.json: its subgraph is named "${info.name}" but ${configPath} lists it as "${s.name}"`);
    return info;
  });
}
