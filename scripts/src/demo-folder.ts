import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgressListener } from '@tdg/kit/load/progress';
import type { SubgraphPackage } from '@tdg/kit/subgraph-package';
import { generateDemoData, writeDemoData } from './demo-data/generate.ts';
import { writePackageDemoFiles } from './demo-package-files.ts';
import { SUBGRAPH_PACKAGES } from './subgraph-packages.ts';

/**
 * The demo dataset of a size and seed as a folder of CSV files, written once and reused; the files of subgraphs with a
 * `demoData` hook (made from the register written there) are added when missing.
 */
export async function writeDemoFolder(
  root: string,
  size: 'small' | 'region' | 'national',
  seed: number,
  progress?: ProgressListener,
  packages: readonly SubgraphPackage[] = SUBGRAPH_PACKAGES,
): Promise<string> {
  const folder = join(root, `${size}-seed-${seed}`);
  if (!existsSync(join(folder, 'schools.csv'))) await writeDemoData(generateDemoData({ size, seed }), folder, progress, packages);
  writePackageDemoFiles(folder, seed, packages);
  return folder;
}
