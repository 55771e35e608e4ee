import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHOOL_AREAS_CSV } from '@tdg/kit/area/school-area';
import { withDatabase } from '@tdg/kit/database-url';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import { DEMO_FILE_NAMES } from '../scripts/src/demo-data/types.ts';

/**
 * `npm run import` as a process whose stdout is a pipe (as in CI or a log file): it prints plain progress lines per
 * file — while the file is read (every PROGRESS_INTERVAL_MS; 0 here, so at every update) and at its end — with the
 * rows read, against databases of its own on the test server.
 */
const root = join(import.meta.dirname, '..');
const server = () => process.env.TEST_DATABASE_SERVER_URL!;
const suffix = `${process.pid}_${Date.now() % 100000}`;

function runImport(folder: string, env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const all: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: server(), IMPORT_OPERATOR: 'progress-test', ...env };
  for (const prefix of ['LOCAL_AUTHORITIES', 'TEACHING_SCHOOL_HUBS', 'SCITTS', 'CURRICULUM_HUBS']) {
    all[`${prefix}_DATABASE_URL`] = withDatabase(server(), `tdg_progress_${prefix.toLowerCase()}_${suffix}`);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'scripts/src/import.ts'), folder, ...args], { env: all, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject).once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test('plain periodic lines and an end line per file, with the right row counts', async () => {
  const data = generateDemoData({ size: 'small', seed: 3 });
  const folder = mkdtempSync(join(tmpdir(), 'tdg-progress-'));
  writeDemoData(data, folder);
  const run = await runImport(folder, { PROGRESS_INTERVAL_MS: '0' });
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
  expect(run.stdout.includes('\u001b[')).toBe(false); // no terminal control sequences in a log

  const ends = [...run.stdout.matchAll(/^\[([a-z-]+)\] ([a-z-]+\.csv): (\d+) rows in \d+\.\d s, \d+ rows\/s$/gm)];
  // Every file of the folder is read by the subgraph that owns it (school-areas.csv, the register's URN → LA lookup, by
  // each subgraph that keeps it); each end line has the file's row count.
  expect(new Set(ends.map((m) => m[2]))).toEqual(new Set([...DEMO_FILE_NAMES, SCHOOL_AREAS_CSV]));
  for (const [, , file, rows] of ends) {
    expect(Number(rows)).toBe(file === SCHOOL_AREAS_CSV ? data['schools.csv'].length : data[file as (typeof DEMO_FILE_NAMES)[number]].length);
  }

  // While a file of more than 500 rows is read: a line every 500 rows, counting up, with its share of the file.
  const biggest = [...DEMO_FILE_NAMES].sort((a, b) => data[b].length - data[a].length)[0];
  const total = data[biggest].length;
  expect(total).toBeGreaterThan(1500);
  const periodic = [...run.stdout.matchAll(new RegExp(`^\\[[a-z-]+\\] ${biggest.replace('.', '\\.')}: (\\d+) rows \\((\\d+)%\\), \\d+ rows/s, about \\d+ s left$`, 'gm'))];
  expect(periodic.map((m) => Number(m[1]))).toEqual(Array.from({ length: Math.floor((total - 1) / 500) }, (_, i) => (i + 1) * 500).filter((n) => n < total));
  for (const [, rows, percent] of periodic) expect(Math.abs(Number(percent) - (100 * Number(rows)) / total)).toBeLessThan(5);
});

test('with the default interval (2 s), a small load prints only the end lines', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'tdg-progress-'));
  writeDemoData(generateDemoData({ size: 'small', seed: 3 }), folder);
  const run = await runImport(folder, {}, ['--only', 'local-authorities']);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^\[local-authorities\] schools\.csv: \d+ rows in /m);
  expect(run.stdout).not.toMatch(/rows \(\d+%\)/);
});
