import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHOOL_AREAS_CSV, loadsSchoolAreas } from '@tdg/kit/area/school-area';
import type { DemoCell, DemoSchool } from '@tdg/kit/demo-data';
import { regionOfLa } from '@tdg/kit/reference';
import type { SubgraphPackage } from '@tdg/kit/subgraph-package';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { Random } from './demo-data/random.ts';

/** A subgraph's own random stream: from its name, far above the central generator's streams (random.ts STREAM). */
export function demoStreamOf(name: string): number {
  let hash = 2166136261;
  for (const ch of name) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  return 1_000 + (hash % 1_000_000);
}

/** The register's schools as the demo folder holds them (`schools.csv`), ordered by URN. */
export function readDemoSchools(folder: string): DemoSchool[] {
  const rows = parse(readFileSync(join(folder, 'schools.csv')), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows
    .map((r) => ({ urn: r.urn, name: r.name, laCode: r.la_code, regionCode: regionOfLa(r.la_code) ?? '', status: r.status }))
    .sort((a, b) => a.urn.localeCompare(b.urn));
}

const cellText = (value: DemoCell | undefined): string => {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(';');
  return String(value);
};

/**
 * Writes `school-areas.csv` (the public URN → LA lookup: `urn, la_code` of every school of the register, from the
 * folder's `schools.csv`) when some package's import spec loads it and the folder lacks it. Decided by the specs, so a
 * partner whose spec adds the file (the kit's `withSchoolAreas`) gets it too. Returns whether it was written.
 */
export function writeSchoolAreasFile(folder: string, packages: readonly SubgraphPackage[]): boolean {
  const path = join(folder, SCHOOL_AREAS_CSV);
  if (existsSync(path) || !packages.some((p) => loadsSchoolAreas(p.importSpec))) return false;
  const rows = parse(readFileSync(join(folder, 'schools.csv')), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  writeFileSync(path, stringify([['urn', 'la_code'], ...rows.map((r) => [r.urn, r.la_code])], { record_delimiter: 'windows' }));
  return true;
}

/**
 * Writes the demo files of every package with a `demoData` hook that the folder lacks (so a demo folder written before a
 * subgraph joined gains its files), as CSV in the columns of the package's import spec, and `school-areas.csv` for the
 * packages that load it (`writeSchoolAreasFile`). Returns the files written.
 */
export function writePackageDemoFiles(folder: string, seed: number, packages: readonly SubgraphPackage[]): string[] {
  const written: string[] = writeSchoolAreasFile(folder, packages) ? [SCHOOL_AREAS_CSV] : [];
  let schools: DemoSchool[] | undefined;
  for (const pkg of packages) {
    if (!pkg.demoData) continue;
    const missing = pkg.importSpec.files.filter((f) => !existsSync(join(folder, f.file)));
    if (missing.length === 0) continue;
    schools ??= readDemoSchools(folder);
    const files = pkg.demoData({ schools, random: new Random(seed, demoStreamOf(pkg.info.name)), seed });
    for (const spec of missing) {
      const rows = files[spec.file];
      if (!rows) throw new Error(`${pkg.info.name}: its demoData hook made no rows for ${spec.file}`);
      const columns = spec.columns.map((c) => c.header);
      const text = stringify([columns, ...rows.map((row) => columns.map((c) => cellText(row[c])))], { record_delimiter: 'windows' });
      writeFileSync(join(folder, spec.file), text);
      written.push(spec.file);
    }
  }
  return written;
}
