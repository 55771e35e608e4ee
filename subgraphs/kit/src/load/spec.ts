import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldParser } from './fields.ts';

/** One column of a CSV file: its header, the field it fills, whether it is required, how a cell is parsed. */
export interface ColumnSpec {
  readonly header: string;
  readonly required?: boolean;
  readonly parse: FieldParser<unknown>;
  /** Value for an empty cell of an optional column (default null). */
  readonly default?: unknown;
}

/** A parsed row: values by header, and the line it came from. */
export interface ParsedRow {
  readonly line: number;
  readonly values: Record<string, unknown>;
}

/** A reference from a column to the key of another file of the same subgraph. */
export interface ReferenceSpec {
  /** Header of the referring column (a single id, or a `;` list of ids). */
  readonly column: string;
  /** File whose key it must name (in this load, or already in the database). */
  readonly file: string;
}

/** One file of a subgraph's load. */
export interface FileSpec {
  /** File name in the folder, e.g. `schools.csv`. */
  readonly file: string;
  readonly columns: readonly ColumnSpec[];
  /** Headers forming the row key: the id column, or all id columns of a file without one. */
  readonly key: readonly string[];
  /** References to other files of the same subgraph. */
  readonly references?: readonly ReferenceSpec[];
  /** Checks across the fields of a row (e.g. date order); returns problems as column + reason. */
  readonly check?: (values: Record<string, unknown>) => { column: string; reason: string }[];
  /** Which of these keys (single-column keys only) the database already holds, for references from other files. */
  readonly existingKeys?: (em: EntityManager, keys: string[]) => Promise<Set<string>>;
}

/** How a subgraph loads a folder: its files (in dependency order) and how validated rows are written. */
export interface ImportSpec {
  readonly subgraph: string;
  readonly files: readonly FileSpec[];
  /** Writes every validated row (by file name) inside one transaction; replaces rows whose key exists. */
  readonly apply: (em: EntityManager, rows: ReadonlyMap<string, ParsedRow[]>, progress: (message: string) => void) => Promise<void>;
}

/** A problem with a load, located by file, line and column. */
export interface LoadProblem {
  readonly file: string;
  readonly line: number;
  readonly column: string;
  readonly reason: string;
}

export const formatProblem = (p: LoadProblem): string => `${p.file}:${p.line}:${p.column}: ${p.reason}`;

/** The spec of one file of a load by name, e.g. for the mutations that write the same records (same parsers, same checks). */
export function fileOf(files: readonly FileSpec[], file: string): FileSpec {
  const spec = files.find((f) => f.file === file);
  if (!spec) throw new Error(`no file ${file} in the import spec`);
  return spec;
}
