import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { DEMO_FILE_COLUMNS, DEMO_FILE_NAMES, type DemoDataset, type DemoFileName } from './types.ts';

type Cell = string | number | null | readonly string[];

const cellText = (value: Cell): string => {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(';');
  return String(value);
};

/** One file as RFC 4180 CSV text: UTF-8, CRLF line ends, one header row, empty cell for null, `;` inside list cells. */
export function demoFileCsv<F extends DemoFileName>(dataset: DemoDataset, file: F): string {
  const columns: readonly string[] = DEMO_FILE_COLUMNS[file];
  const rows = (dataset[file] as unknown as Record<string, Cell>[]).map((row) => columns.map((c) => cellText(row[c])));
  return stringify([columns as string[], ...rows], { record_delimiter: 'windows' });
}

/** Writes every file of the dataset into `folder` (created if missing); returns the row count per file. */
export function writeDemoData(dataset: DemoDataset, folder: string): Record<DemoFileName, number> {
  mkdirSync(folder, { recursive: true });
  const counts = {} as Record<DemoFileName, number>;
  for (const file of DEMO_FILE_NAMES) {
    writeFileSync(join(folder, file), demoFileCsv(dataset, file), 'utf8');
    counts[file] = dataset[file].length;
  }
  return counts;
}
