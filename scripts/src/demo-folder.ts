import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgressListener } from '@tdg/kit/load/progress';
import { generateDemoData, writeDemoData } from './demo-data/generate.ts';

/** The demo dataset of a size and seed as a folder of CSV files, written once and reused. */
export async function writeDemoFolder(root: string, size: 'small' | 'region' | 'national', seed: number, progress?: ProgressListener): Promise<string> {
  const folder = join(root, `${size}-seed-${seed}`);
  if (!existsSync(join(folder, 'schools.csv'))) await writeDemoData(generateDemoData({ size, seed }), folder, progress);
  return folder;
}
