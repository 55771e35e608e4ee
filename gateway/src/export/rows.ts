import { leafPaths, type SelectionTree } from './selection-tree.ts';

/** A result that cannot be exported as asked (no such path, several lists and no path…): answered 400. */
export class ExportError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ExportError';
    this.code = code;
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** What becomes the rows: the items of one list of the result (or one object), and the shape the query asked of them. */
export interface RowSource {
  /** Dotted path of the list in the result (`region.localAuthorities`); '' for the whole result as one row. */
  readonly path: string;
  readonly tree: SelectionTree;
  readonly items: readonly Json[];
}

/**
 * Picks the rows of a result. With `path` (dotted response keys, e.g. `region.localAuthorities`): the list there, or
 * the object there as one row (none when a field on the way is null: an unknown id). Without: the one list of the
 * result, found by following objects from the root (lists inside its items are expanded in each row); the whole result
 * as one row when it has no list; several lists need a `path`.
 */
export function rowSource(data: JsonObject | null | undefined, tree: SelectionTree, path?: string): RowSource {
  if (path !== undefined) return atPath(data ?? null, tree, path);
  const lists = listsIn(data ?? null, tree, '');
  if (lists.length === 0) return { path: '', tree, items: data ? [data] : [] };
  if (lists.length > 1) {
    throw new ExportError(
      'EXPORT_PATH_REQUIRED',
      `The result has ${lists.length} lists (${lists.join(', ')}): name the one to export with the path parameter, e.g. ?path=${lists[0]}`,
    );
  }
  return atPath(data ?? null, tree, lists[0]);
}

/** Lists reached from `value` through objects only (the outermost lists). */
function listsIn(value: Json, tree: SelectionTree, prefix: string): string[] {
  if (!isObject(value)) return [];
  const found: string[] = [];
  for (const [key, child] of tree) {
    if (child === null) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const v = value[key];
    if (Array.isArray(v)) found.push(path);
    else found.push(...listsIn(v ?? null, child, path));
  }
  return found;
}

function atPath(data: JsonObject | null, tree: SelectionTree, path: string): RowSource {
  const outerLists = () => {
    const lists = listsIn(data, tree, '');
    return lists.length ? `its lists: ${lists.join(', ')}` : 'it has no list';
  };
  let node = tree;
  let value: Json = data;
  const walked: string[] = [];
  for (const key of path.split('.')) {
    if (Array.isArray(value)) {
      throw new ExportError(
        'EXPORT_PATH_CROSSES_LIST',
        `path=${path}: "${walked.join('.')}" is a list; export it (its nested lists become rows of their own) or name a list outside it`,
      );
    }
    const child = node.get(key);
    if (child === undefined) {
      throw new ExportError('EXPORT_PATH_UNKNOWN', `path=${path}: the query asks for no field "${[...walked, key].join('.')}" (${outerLists()})`);
    }
    if (child === null) {
      throw new ExportError('EXPORT_PATH_UNKNOWN', `path=${path}: "${[...walked, key].join('.')}" is a leaf field; name a list or an object (${outerLists()})`);
    }
    walked.push(key);
    node = child;
    value = isObject(value) ? (value[key] ?? null) : null;
  }
  return { path, tree: node, items: Array.isArray(value) ? value : value === null ? [] : [value] };
}

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The CSV columns of a row source: every leaf the query asks of an item, by dotted path (nested lists included). */
export const columnsOf = (source: RowSource): string[] => leafPaths(source.tree);

/**
 * The CSV rows of one item, each an array in `columns` order:
 * - a leaf is its value (`true`/`false`, numbers as JSON writes them, null as an empty cell); a list of scalars is
 *   its values joined with `; `; a JSON object leaf is its JSON text;
 * - a nested object adds its leaves as `parent.child` columns to the same row (empty when it is null);
 * - a nested list of objects gives one row per nested item, with the item's other columns repeated on each; an empty
 *   one adds no row (its columns stay empty); several nested lists of one item give their rows one list after the
 *   other (each row fills one list's columns), never their cross product.
 */
export function rowsOf(item: Json, tree: SelectionTree, columns: readonly string[]): string[][] {
  return expand(isObject(item) ? item : null, tree, '').map((row) => columns.map((c) => row[c] ?? ''));
}

type Row = Record<string, string>;

function expand(object: JsonObject | null, tree: SelectionTree, prefix: string): Row[] {
  const base: Row = {};
  const branches: Row[][] = [];
  for (const [key, child] of tree) {
    const path = prefix ? `${prefix}.${key}` : key;
    const value = object?.[key] ?? null;
    if (child === null) {
      base[path] = cell(value);
    } else if (Array.isArray(value)) {
      branches.push(value.flatMap((item) => expand(isObject(item) ? item : null, child, path)));
    } else {
      const rows = expand(isObject(value) ? value : null, child, path);
      if (rows.length === 1) Object.assign(base, rows[0]);
      else branches.push(rows);
    }
  }
  const filled = branches.filter((rows) => rows.length > 0);
  if (filled.length === 0) return [base];
  return filled.flatMap((rows) => rows.map((row) => ({ ...base, ...row })));
}

function cell(value: Json): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map(cell).join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
