import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFolder } from '@tdg/kit/load/import-folder';
import { logImport } from '@tdg/kit/observability/import-log';
import { createLogger } from '@tdg/kit/observability/logger';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import { SUBGRAPH_PACKAGES } from '../scripts/src/subgraph-packages.ts';
import { openTestDatabase } from './support/subgraph-harness.ts';

/** One JSON line per subgraph load: files, rows, duration, outcome; a rejected load's line quotes no cell (no TRN). */
test('a load and a rejected load each make one import line, without the cells of bad rows', async () => {
  const pkg = SUBGRAPH_PACKAGES.find((p) => p.info.name === 'teaching-school-hubs')!;
  const folder = mkdtempSync(join(tmpdir(), 'tdg-import-log-'));
  const data = generateDemoData({ size: 'small', seed: 4 });
  await writeDemoData(data, folder);
  const lines: string[] = [];
  const logger = await createLogger({ logLevel: 'info', logPretty: false }, 'import', { write: (line: string) => void lines.push(line) });
  const orm = await openTestDatabase(pkg);
  try {
    const started = Date.now();
    const result = await importFolder(orm, pkg.importSpec, folder);
    logImport(logger, pkg.info.name, folder, Date.now() - started, result);
    // A bad row whose TRN is not one: the problem quotes it; the log line must not.
    const badTrn = '98765x4';
    const file = join(folder, 'ect-inductions.csv');
    const [header, first] = readFileSync(file, 'utf8').split('\n');
    const columns = header.split(',');
    const cells = first.split(',');
    cells[columns.indexOf('trn')] = badTrn;
    writeFileSync(file, `${header}\n${cells.join(',')}\n`);
    const error = await importFolder(orm, pkg.importSpec, folder).catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain(badTrn);
    logImport(logger, pkg.info.name, folder, 5, error);
    const [loaded, rejected] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(loaded).toMatchObject({ level: 'info', service: 'import', msg: 'import', subgraph: pkg.info.name, folder, outcome: 'loaded', rows: Object.values(result.loaded).reduce((a, b) => a + b, 0) });
    expect((loaded.files as Record<string, { rows: number }>)['ect-inductions.csv'].rows).toBe(data['ect-inductions.csv'].length);
    expect(rejected).toMatchObject({ level: 'warn', outcome: 'rejected', problems: expect.any(Number), durationMs: 5 });
    expect(lines.join('')).not.toContain(badTrn);
  } finally {
    await orm.schema.dropDatabase().catch(() => undefined);
    await orm.close();
  }
});
