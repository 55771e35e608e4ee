/**
 * `npm run faults`: runs the fault tests (test/faults/, real processes) and prints, per fault, the requests sent,
 * answered in full, partial (a subgraph's part missing, named), failed, refused (a stopped listener: a load balancer
 * sends those elsewhere), lost writes (must be 0) and the seconds from the fault's end to the first full answer.
 * Exits non-zero when a test fails or a write was lost. Arguments go to jest (e.g. a file name pattern).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../scripts/src/project-config.ts';
import type { FaultFigures } from './report.ts';

const dir = mkdtempSync(join(tmpdir(), 'tdg-fault-report-'));
const file = join(dir, 'faults.jsonl');
const jest = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/jest/bin/jest.js'), '--runInBand', 'test/faults', ...process.argv.slice(2)], {
  cwd: PROJECT_ROOT,
  stdio: 'inherit',
  env: { ...process.env, FAULT_REPORT: file, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim() },
});
const rows: FaultFigures[] = existsSync(file)
  ? readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as FaultFigures)
  : [];
rmSync(dir, { recursive: true, force: true });

const header = ['fault', 'sent', 'answered', 'partial', 'failed', 'refused', 'lost writes', 'recovery s'];
const table = rows.map((r) => [r.fault, r.sent, r.answered, r.partial, r.failed, r.refused, r.lostWrites, r.recoverySeconds ?? '-'].map(String));
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`\nFault report (${rows.length} faults)\n`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(line(row));
const notes = rows.filter((r) => r.notes);
if (notes.length) {
  console.log('');
  for (const r of notes) console.log(`${r.fault}: ${r.notes}`);
}
const lost = rows.reduce((n, r) => n + r.lostWrites, 0);
if (lost > 0) console.error(`\n${lost} acknowledged write(s) lost`);
process.exit(jest.status !== 0 || lost > 0 ? 1 : 0);
