import type { SubgraphPackage } from '@tdg/kit/subgraph-package';
import type { SubgraphName } from '@tdg/kit/subgraph-registry';
import { curriculumHubs } from '@tdg/curriculum-hubs';
import { localAuthorities } from '@tdg/local-authorities';
import { scitts } from '@tdg/scitts';
import { teachingSchoolHubs } from '@tdg/teaching-school-hubs';

/** The subgraphs the shared commands (migrate, import, start) work on, in load order. */
export const SUBGRAPH_PACKAGES: SubgraphPackage[] = [
  localAuthorities as SubgraphPackage,
  teachingSchoolHubs as SubgraphPackage,
  scitts as SubgraphPackage,
  curriculumHubs as SubgraphPackage,
];

/** The packages named (all when none is named); an unknown name is an error. */
export function selectPackages(names: readonly string[]): SubgraphPackage[] {
  if (names.length === 0) return SUBGRAPH_PACKAGES;
  return names.map((n) => {
    const pkg = SUBGRAPH_PACKAGES.find((p) => p.info.name === (n as SubgraphName));
    if (!pkg) throw new Error(`unknown subgraph "${n}" (known: ${SUBGRAPH_PACKAGES.map((p) => p.info.name).join(', ')})`);
    return pkg;
  });
}
