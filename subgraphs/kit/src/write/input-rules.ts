import type { ColumnSpec, FileSpec } from '../load/spec.ts';
import { type InputProblem, type InputRule, fieldPath } from './validate-input.ts';

/**
 * Mutation inputs follow the CSV import spec of the records they write: each input field names the column whose parser,
 * required flag and cross-field check it shares, so a write and a load accept the same values.
 */

/** Input field names of a mutation → the headers of the CSV columns whose rules they share. */
export type ColumnsOf = Readonly<Record<string, string>>;

/** The columns of a file (or the columns themselves). */
type Columns = Pick<FileSpec, 'columns'> & { readonly file?: string };

const columnsOf = (spec: Columns | readonly ColumnSpec[]): Columns => ('columns' in spec ? spec : { columns: spec });

/** One column by header; throws (a programming error) when the file has none. */
export function columnOf(spec: Columns | readonly ColumnSpec[], header: string): ColumnSpec {
  const { file, columns } = columnsOf(spec);
  const column = columns.find((c) => c.header === header);
  if (!column) throw new Error(`${file ?? 'the file'} has no column ${header}`);
  return column;
}

/** The input rule of a column: the same parser, and required as the column is unless `required` says otherwise. */
export function ruleOf(spec: Columns | readonly ColumnSpec[], header: string, required?: boolean): InputRule {
  const column = columnOf(spec, header);
  return { parse: column.parse, required: required ?? column.required ?? false };
}

/**
 * Input rules from a file's columns (`{ inputField: 'column_header' }`): the column's parser and, unless `required`
 * lists the required fields itself (`[]`: all optional, as for an update), whether the column is required.
 */
export function rulesFromColumns(spec: Columns | readonly ColumnSpec[], fields: ColumnsOf, required?: readonly string[]): Record<string, InputRule> {
  return Object.fromEntries(Object.entries(fields).map(([name, header]) => [name, ruleOf(spec, header, required ? required.includes(name) : undefined)]));
}

/**
 * Values (by input field name) as a row of the file (by header), as the load's checks see it: missing is `null`.
 * `known` adds values the input does not carry (e.g. the stored start date), by header.
 */
export function asRow(values: Record<string, unknown>, fields: ColumnsOf, known: Record<string, unknown> = {}): Record<string, unknown> {
  const row: Record<string, unknown> = { ...known };
  for (const [name, header] of Object.entries(fields)) row[header] = values[name] ?? null;
  return row;
}

type RowCheck = (values: Record<string, unknown>) => { column: string; reason: string }[];

/** Runs a file's cross-field check (or the check itself) over a row and names each problem by the input field of its column. */
export function rowProblems(check: Pick<FileSpec, 'check'> | RowCheck, row: Record<string, unknown>, fields: ColumnsOf, path: string): InputProblem[] {
  const run = typeof check === 'function' ? check : check.check;
  const nameOf = new Map(Object.entries(fields).map(([name, header]) => [header, name]));
  return (run?.(row) ?? []).map((p) => ({ field: fieldPath(path, nameOf.get(p.column) ?? p.column), reason: p.reason }));
}

/**
 * The file's cross-field check (date order, …) over input values, as a `validateInput` check: the values are passed as
 * the row the CSV would hold (missing ones as null, `known` adding values the input does not carry) and the problems come
 * back with input field paths (`input.endedOn`).
 */
export const fileCheck =
  (check: Pick<FileSpec, 'check'> | RowCheck, fields: ColumnsOf, path = 'input', known: Record<string, unknown> = {}) =>
  (values: Record<string, unknown>): InputProblem[] =>
    rowProblems(check, asRow(values, fields, known), fields, path);

/** The fields whose values differ between two plain records (compared as JSON, missing as null). */
export function changedFields<T extends object>(before: T, after: T): (keyof T & string)[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return Object.keys(after).filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null)) as (keyof T & string)[];
}

/**
 * A retried create whose record is already held with other data: one problem per field whose value differs, named
 * `<path>.<field>`.
 */
export function conflicts(kind: string, id: string, stored: Record<string, unknown>, given: Record<string, unknown>, path: string): InputProblem[] {
  return Object.keys(stored)
    .filter((name) => (stored[name] ?? null) !== (given[name] ?? null))
    .map((name) => ({
      field: fieldPath(path, name),
      reason: `${kind} ${id} already exists with ${name} ${JSON.stringify(stored[name] ?? null)}; a retry must repeat the same data`,
    }));
}
