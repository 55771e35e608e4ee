import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SubgraphInfo } from '@tdg/kit/subgraph-info';
import type { SubgraphPackage } from '@tdg/kit/subgraph-package';
import { type ListedSubgraph, readSubgraphList } from './subgraph-list.ts';

/** The entry module of a package folder: its `exports["."]` (a path, or conditions of which the first path is taken). */
function entryOf(folder: string): string {
  const { exports, main } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { exports?: unknown; main?: string };
  let entry: unknown = typeof exports === 'object' && exports !== null && '.' in exports ? (exports as Record<string, unknown>)['.'] : (exports ?? main);
  while (typeof entry === 'object' && entry !== null) entry = Object.values(entry)[0];
  if (typeof entry !== 'string') throw new Error(`${folder}/package.json: no entry module (exports["."] or main)`);
  return join(folder, entry);
}

/**
 * The packages of the listed subgraphs that run from this repository (a folder under `subgraphs/`), in list order:
 * each package's entry module default-exports its SubgraphPackage, whose name must be the one listed.
 */
export async function loadSubgraphPackages(list: readonly ListedSubgraph[] = readSubgraphList()): Promise<SubgraphPackage[]> {
  const packages: SubgraphPackage[] = [];
  for (const s of list) {
    if (!s.folder) continue;
    const entry = entryOf(s.folder);
    const pkg = ((await import(pathToFileURL(entry).href)) as { default?: SubgraphPackage }).default;
    if (!pkg?.info || !pkg.module) throw new Error(`${entry}: must default-export the subgraph's SubgraphPackage`);
    if (pkg.info.name !== s.name) throw new Error(`${entry}: its subgraph is named "${pkg.info.name}" but schema/supergraph.yaml lists it as "${s.name}"`);
    packages.push(pkg);
  }
  return packages;
}

/** The subgraphs the shared commands (migrate, import, start) work on: those of schema/supergraph.yaml with a folder here. */
export const SUBGRAPH_PACKAGES: SubgraphPackage[] = await loadSubgraphPackages();

/** Their names, ports, database names and environment prefixes. */
export const SUBGRAPH_INFOS: SubgraphInfo[] = SUBGRAPH_PACKAGES.map((p) => p.info);

/** The packages named (all when none is named); an unknown name is an error. */
export function selectPackages(names: readonly string[], packages: readonly SubgraphPackage[] = SUBGRAPH_PACKAGES): SubgraphPackage[] {
  if (names.length === 0) return [...packages];
  return names.map((n) => {
    const pkg = packages.find((p) => p.info.name === n);
    if (!pkg) throw new Error(`unknown subgraph "${n}" (known: ${packages.map((p) => p.info.name).join(', ')})`);
    return pkg;
  });
}
