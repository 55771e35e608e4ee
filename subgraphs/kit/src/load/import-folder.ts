import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import type { MikroORM } from '@mikro-orm/postgresql';
import { recordAudit } from '../audit/record.ts';
import type { Identity } from '../auth/identity.ts';
import { RowsRejected } from './copy-upsert.ts';
import type { ProgressListener } from './progress.ts';
import { transactionalWithClient } from './pg-client.ts';
import { readCsvFile } from './read-csv.ts';
import { type ImportSpec, type LoadProblem, type ParsedRow, formatProblem } from './spec.ts';

export interface ImportOptions {
  /** Who runs the load, recorded in the subgraph's audit trail as a bulk load (default: the OS user). */
  readonly operator?: Identity;
  /** Stop collecting problems after this many (default 100). */
  readonly maxProblems?: number;
  /** Progress and warning lines. */
  readonly log?: (line: string) => void;
  /** Told the rows read of each file as they are read (progress.ts). */
  readonly progress?: ProgressListener;
}

export interface ImportResult {
  readonly subgraph: string;
  /** Rows loaded per file (files absent from the folder are not listed). */
  readonly loaded: Record<string, number>;
  readonly warnings: string[];
  /** Milliseconds per file: reading and checking it, and writing its rows (COPY and upsert; rows derived from a file count to it). */
  readonly timings: Record<string, { readonly readMs: number; readonly writeMs: number }>;
}

/** A rejected load: nothing was written. */
export class LoadRejected extends Error {
  readonly problems: LoadProblem[];
  readonly truncated: boolean;
  constructor(subgraph: string, problems: LoadProblem[], truncated: boolean) {
    super(
      `${subgraph}: load rejected, nothing changed (${problems.length}${truncated ? '+' : ''} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map(formatProblem).join('\n'),
    );
    this.name = 'LoadRejected';
    this.problems = problems;
    this.truncated = truncated;
  }
}

/**
 * Loads a subgraph's files from a folder, all or nothing: every file is read and checked (cells, duplicate ids,
 * references to ids of the same subgraph in this load or already held), and only when nothing is wrong are the rows
 * written, in one transaction (with COPY: `upsertRows`). Other subgraphs' files in the folder are not read.
 */
export async function importFolder(orm: MikroORM, spec: ImportSpec, folder: string, options: ImportOptions = {}): Promise<ImportResult> {
  const maxProblems = options.maxProblems ?? 100;
  const log = options.log ?? (() => undefined);
  const problems: LoadProblem[] = [];
  const warnings: string[] = [];
  const rows = new Map<string, ParsedRow[]>();
  const readMs = new Map<string, number>();
  for (const file of spec.files) {
    const path = join(folder, file.file);
    if (!existsSync(path)) continue;
    const started = performance.now();
    const result = readCsvFile(path, file, options.progress?.(`[${spec.subgraph}] ${file.file}`));
    readMs.set(file.file, performance.now() - started);
    problems.push(...result.problems);
    warnings.push(...result.warnings);
    rows.set(file.file, result.rows);
    if (result.rows.length > 10_000) log(`[${spec.subgraph}] read ${file.file}: ${result.rows.length} rows`);
  }
  const em = orm.em.fork();
  for (const file of spec.files) {
    for (const ref of file.references ?? []) {
      const referring = rows.get(file.file);
      if (!referring) continue;
      const target = spec.files.find((f) => f.file === ref.file);
      if (!target) throw new Error(`${file.file}: reference to unknown file ${ref.file}`);
      const inLoad = new Set((rows.get(ref.file) ?? []).map((r) => String(r.values[target.key[0]])));
      const wanted = new Set<string>();
      for (const r of referring) for (const id of idsOf(r.values[ref.column])) if (!inLoad.has(id)) wanted.add(id);
      const held = wanted.size > 0 && target.existingKeys ? await target.existingKeys(em, [...wanted]) : new Set<string>();
      for (const r of referring) {
        for (const id of idsOf(r.values[ref.column])) {
          if (!inLoad.has(id) && !held.has(id)) {
            problems.push({ file: file.file, line: r.line, column: ref.column, reason: `unknown ${ref.column} "${id}": no such id in ${ref.file} or already loaded` });
          }
        }
      }
    }
  }
  for (const w of warnings) log(`warning: ${w}`);
  if (problems.length > 0) {
    problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    throw new LoadRejected(spec.subgraph, problems.slice(0, maxProblems), problems.length > maxProblems);
  }
  const operator = options.operator ?? operatorFromEnvironment();
  let writeMs = new Map<string, number>();
  await transactionalWithClient(em, async (tx, context) => {
    writeMs = context.writeMs;
    await spec.apply(tx, rows, (message) => log(`[${spec.subgraph}] ${message}`));
    for (const [file, fileRows] of rows) {
      recordAudit(tx, operator, 'IMPORT', {
        operation: 'import',
        entityType: file,
        entityId: folder,
        organisation: null,
        before: null,
        after: { rows: fileRows.length },
      });
    }
  }).catch((error: unknown) => {
    if (error instanceof RowsRejected) throw new LoadRejected(spec.subgraph, error.problems, false);
    throw error;
  });
  const timings = Object.fromEntries([...rows.keys()].map((f) => [f, { readMs: readMs.get(f) ?? 0, writeMs: writeMs.get(f) ?? 0 }]));
  return { subgraph: spec.subgraph, loaded: Object.fromEntries([...rows].map(([f, r]) => [f, r.length])), warnings, timings };
}

function idsOf(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** The operator of a command-line load: IMPORT_OPERATOR, or the OS user. */
export function operatorFromEnvironment(env: NodeJS.ProcessEnv = process.env): Identity {
  return { subject: `operator:${env.IMPORT_OPERATOR || userInfo().username}`, organisation: null, roles: ['ADMIN'], regionScope: null };
}
