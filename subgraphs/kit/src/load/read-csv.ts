import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { FieldError } from './fields.ts';
import { type FileProgress, PROGRESS_EVERY_ROWS } from './progress.ts';
import type { FileSpec, LoadProblem, ParsedRow } from './spec.ts';

export interface ReadResult {
  readonly rows: ParsedRow[];
  readonly problems: LoadProblem[];
  readonly warnings: string[];
}

/**
 * Reads one CSV file of the interchange format against its spec: UTF-8, RFC 4180 quoting, one header row, columns in
 * any order, extra columns ignored with a warning, empty cell = null. Every bad cell, missing required value, duplicate
 * key and malformed line is reported; rows with problems are dropped from the result.
 */
export function readCsvFile(path: string, spec: FileSpec, progress?: FileProgress): ReadResult {
  return readCsvContent(() => readFileSync(path), spec, progress);
}

/** The same for CSV text already in hand (e.g. fetched over HTTP): `content` is the file's bytes, or reads them. */
export function readCsvContent(content: Buffer | string | (() => Buffer), spec: FileSpec, progress?: FileProgress): ReadResult {
  const problems: LoadProblem[] = [];
  const warnings: string[] = [];
  const problem = (line: number, column: string, reason: string) => problems.push({ file: spec.file, line, column, reason });
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    const bytes = typeof content === 'function' ? content() : content;
    // Rows read (the header row not counted) and the share of the file's bytes, every PROGRESS_EVERY_ROWS records.
    const onRecord = (record: string[], context: { records: number; bytes: number }) => {
      const rows = context.records - 1;
      if (rows > 0 && rows % PROGRESS_EVERY_ROWS === 0) progress?.update(rows, context.bytes / bytes.length);
      return record;
    };
    records = parse(bytes, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, on_record: progress && onRecord }) as never;
    progress?.finish(Math.max(0, records.length - 1));
  } catch (error) {
    const e = error as Error & { lines?: number };
    problem(e.lines ?? 1, '-', `not valid CSV: ${e.message}`);
    return { rows: [], problems, warnings };
  }
  if (records.length === 0) {
    problem(1, '-', 'empty file: a header row is required');
    return { rows: [], problems, warnings };
  }
  const header = records[0].record.map((h) => h.trim());
  const known = new Set(spec.columns.map((c) => c.header));
  for (const h of header) if (!known.has(h)) warnings.push(`${spec.file}:1:${h}: unknown column ignored`);
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) problem(1, h, `column appears twice (also column ${header.indexOf(h) + 1})`);
    seen.add(h);
  }
  const missing = spec.columns.filter((c) => c.required && !header.includes(c.header));
  for (const c of missing) problem(1, c.header, 'required column missing from the header');
  if (missing.length > 0) return { rows: [], problems, warnings };

  const index = new Map(spec.columns.map((c) => [c.header, header.indexOf(c.header)]));
  const keys = new Map<string, number>();
  const rows: ParsedRow[] = [];
  // A record may span lines (quoted line breaks): report the line it starts on.
  let previous = records[0].info;
  for (const { record, info } of records.slice(1)) {
    const line = previous.lines + 1 + (info.empty_lines - previous.empty_lines);
    previous = info;
    if (record.length !== header.length) {
      problem(line, '-', `expected ${header.length} cells, found ${record.length}`);
      continue;
    }
    const values: Record<string, unknown> = {};
    let ok = true;
    for (const column of spec.columns) {
      const at = index.get(column.header) ?? -1;
      const cell = at >= 0 ? record[at] : '';
      if (cell.trim() === '') {
        if (column.required) {
          problem(line, column.header, 'required value missing');
          ok = false;
        }
        values[column.header] = column.default ?? null;
        continue;
      }
      try {
        values[column.header] = column.parse(cell);
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        problem(line, column.header, error.message);
        ok = false;
      }
    }
    if (!ok) continue;
    for (const p of spec.check?.(values) ?? []) {
      problem(line, p.column, p.reason);
      ok = false;
    }
    if (!ok) continue;
    const key = spec.key.map((k) => String(values[k])).join('\u0000');
    const first = keys.get(key);
    if (first !== undefined) {
      problem(line, spec.key.join('+'), `duplicate id ${spec.key.map((k) => values[k]).join('+')} (first on line ${first})`);
      continue;
    }
    keys.set(key, line);
    rows.push({ line, values });
  }
  return { rows, problems, warnings };
}
