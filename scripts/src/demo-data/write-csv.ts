import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SCHOOL_AREAS_CSV, loadsSchoolAreas } from '@tdg/kit/area/school-area';
import type { ProgressListener } from '@tdg/kit/load/progress';
import type { SubgraphPackage } from '@tdg/kit/subgraph-package';
import { stringify } from 'csv-stringify/sync';
import { SUBGRAPH_PACKAGES } from '../subgraph-packages.ts';
import { DEMO_FILE_COLUMNS, DEMO_FILE_NAMES, type DemoDataset, type DemoFileName } from './types.ts';

type Cell = string | number | null | readonly string[];

const cellText = (value: Cell): string => {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(';');
  return String(value);
};

/** One file as RFC 4180 CSV text: UTF-8, CRLF line ends, one header row, empty cell for null, `;` inside list cells. */
export function demoFileCsv<F extends DemoFileName>(dataset: DemoDataset, file: F): string {
  return [...demoFileChunks(dataset, file, Number.POSITIVE_INFINITY)].map((c) => c.text).join('');
}

/** The same text a slice of rows at a time: the header row first, then `rowsPerChunk` rows per chunk. */
function* demoFileChunks<F extends DemoFileName>(dataset: DemoDataset, file: F, rowsPerChunk: number): Generator<{ text: string; rowsDone: number }> {
  const columns: readonly string[] = DEMO_FILE_COLUMNS[file];
  const rows = dataset[file] as unknown as Record<string, Cell>[];
  let done = 0;
  let text = stringify([columns as string[]], { record_delimiter: 'windows' });
  do {
    const slice = rows.slice(done, done + rowsPerChunk);
    done += slice.length;
    text += stringify(
      slice.map((row) => columns.map((c) => cellText(row[c]))),
      { record_delimiter: 'windows' },
    );
    yield { text, rowsDone: done };
    text = '';
  } while (done < rows.length);
}

/** Rows written between two progress updates. */
const ROWS_PER_CHUNK = 2_000;

/**
 * Writes every file of the dataset into `folder` (created if missing), and `school-areas.csv` (the register's public
 * URN → LA lookup: `urn, la_code` of every school) when the import spec of one of `packages` (by default the listed
 * subgraphs) loads it; returns the row count per file.
 */
export function writeDemoData(
  dataset: DemoDataset,
  folder: string,
  progress?: ProgressListener,
  packages: readonly SubgraphPackage[] = SUBGRAPH_PACKAGES,
): Record<DemoFileName, number> & { [SCHOOL_AREAS_CSV]?: number } {
  mkdirSync(folder, { recursive: true });
  const counts = {} as Record<DemoFileName, number> & { [SCHOOL_AREAS_CSV]?: number };
  for (const file of DEMO_FILE_NAMES) {
    const total = dataset[file].length;
    const shown = progress?.(`[demo-data] ${file}`);
    const fd = openSync(join(folder, file), 'w');
    try {
      for (const { text, rowsDone } of demoFileChunks(dataset, file, ROWS_PER_CHUNK)) {
        writeSync(fd, text, null, 'utf8');
        shown?.update(rowsDone, total === 0 ? 1 : rowsDone / total);
      }
    } finally {
      closeSync(fd);
    }
    shown?.finish(total);
    counts[file] = total;
  }
  if (packages.some((p) => loadsSchoolAreas(p.importSpec))) {
    const schools = dataset['schools.csv'];
    writeFileSync(join(folder, SCHOOL_AREAS_CSV), stringify([['urn', 'la_code'], ...schools.map((s) => [s.urn, s.la_code])], { record_delimiter: 'windows' }));
    counts[SCHOOL_AREAS_CSV] = schools.length;
  }
  return counts;
}
