import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EntityData, EntityManager, EntityName } from '@mikro-orm/postgresql';
import type { DatabaseError, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { LoadProblem } from './spec.ts';

/** Where the rows of one write came from: the file, and the line of each row (same order). */
export interface RowSource {
  readonly file: string;
  readonly lines: readonly number[];
}

/** A write refused by PostgreSQL (a constraint, a type), located at the file and line of the row that broke it. */
export class RowsRejected extends Error {
  readonly problems: LoadProblem[];
  constructor(problems: LoadProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.reason}`).join('\n'));
    this.name = 'RowsRejected';
    this.problems = problems;
  }
}

const ORDER = 'tdg_load_ord';
const ROWS_PER_CHUNK = 1000;
let staging = 0;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** One value in COPY's text format: `\N` for null, backslash, tab, newline and carriage return escaped. */
export function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const s = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}

/**
 * Inserts rows, replacing those whose primary key exists, with PostgreSQL's COPY: the rows are streamed
 * (`pg-copy-streams`) into a temporary staging table shaped like the entity's table, then written by one
 * update of the rows whose key exists (where they differ; none with `ignoreExisting`) and one `insert … select` of the
 * others, all on the transaction's own client (so in its transaction).
 * A violation PostgreSQL reports is located at the row that causes it (the shortest prefix of the rows that fails,
 * found by bisection under savepoints) and thrown as `RowsRejected` with the row's file and line.
 */
export async function copyUpsert<T extends object>(
  em: EntityManager,
  client: PoolClient,
  entity: EntityName<T>,
  rows: readonly EntityData<T>[],
  options: { ignoreExisting?: boolean; source?: RowSource; progress?: (message: string) => void; label?: string } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const meta = em.getMetadata(entity);
  const platform = em.getPlatform();
  const keys = Object.keys(rows[0] as object);
  const columns = keys.map((key) => {
    const prop = meta.properties[key as keyof typeof meta.properties];
    if (!prop) throw new Error(`${meta.className} has no property ${key}`);
    if (prop.fieldNames.length !== 1) throw new Error(`${meta.className}.${key}: only single-column properties can be loaded with COPY`);
    const type = prop.customType;
    const convert = type && prop.kind === 'scalar' ? (v: unknown) => (v === null || v === undefined ? v : type.convertToDatabaseValue(v, platform, { mode: 'query' })) : (v: unknown) => v;
    return { key, field: prop.fieldNames[0] as string, convert };
  });
  const primary = meta.primaryKeys.map((pk) => meta.properties[pk].fieldNames[0] as string);
  const table = meta.schema ? `${quote(meta.schema)}.${quote(meta.tableName)}` : quote(meta.tableName);
  const stage = quote(`tdg_load_${meta.tableName}_${++staging}`);
  const fields = columns.map((c) => quote(c.field)).join(', ');

  await client.query(`create temp table ${stage} on commit drop as select 0::integer as ${ORDER}, ${fields} from ${table} with no data`);
  async function* chunks() {
    for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
      let text = '';
      for (let j = i; j < Math.min(i + ROWS_PER_CHUNK, rows.length); j++) {
        const row = rows[j] as Record<string, unknown>;
        text += String(j + 1);
        for (const c of columns) text += `\t${copyText(c.convert(row[c.key]))}`;
        text += '\n';
      }
      yield text;
      if (rows.length > 10_000 && options.progress && (i / ROWS_PER_CHUNK) % 20 === 19) {
        options.progress(`${options.label ?? meta.tableName}: ${Math.min(i + ROWS_PER_CHUNK, rows.length)}/${rows.length}`);
      }
    }
  }
  try {
    await pipeline(Readable.from(chunks()), client.query(copyFrom(`copy ${stage} (${ORDER}, ${fields}) from stdin`)));
  } catch (error) {
    const copyLine = /line (\d+)/.exec((error as DatabaseError).where ?? '');
    throw located(error, copyLine ? Number(copyLine[1]) : undefined, options.source, meta.tableName);
  }

  const updated = columns.filter((c) => !primary.includes(c.field)).map((c) => quote(c.field));
  const samePk = (a: string, b: string) => primary.map((k) => `${a}.${quote(k)} = ${b}.${quote(k)}`).join(' and ');
  const merge = !options.ignoreExisting && updated.length > 0;
  // The write, as two plain statements (cheaper than `on conflict`, which inserts each row speculatively): rows whose key
  // exists are updated where they differ (or left as they are with `ignoreExisting`), then the others are inserted.
  const update = `update ${table} t set ${updated.map((f) => `${f} = s.${f}`).join(', ')} from ${stage} s where ${samePk('t', 's')} and (${updated.map((f) => `t.${f}`).join(', ')}) is distinct from (${updated.map((f) => `s.${f}`).join(', ')})`;
  const insertNew = `insert into ${table} (${fields}) select ${fields} from ${stage} s where not exists (select 1 from ${table} t where ${samePk('t', 's')}) order by ${ORDER}`;
  // The same write as one statement over the first rows only, to find the row a violation comes from.
  const onConflict = merge ? `do update set ${updated.map((f) => `${f} = excluded.${f}`).join(', ')}` : 'do nothing';
  const upsertPrefix = (upTo: number) =>
    `insert into ${table} (${fields}) select ${fields} from ${stage} where ${ORDER} <= ${upTo} order by ${ORDER} on conflict (${primary.map(quote).join(', ')}) ${onConflict}`;
  await client.query('savepoint tdg_load');
  try {
    if (merge) await client.query(update);
    await client.query(insertNew);
    await client.query('release savepoint tdg_load');
  } catch (error) {
    await client.query('rollback to savepoint tdg_load');
    const culprit = await shortestFailingPrefix(client, upsertPrefix, rows.length);
    throw located(culprit?.error ?? error, culprit?.ordinal, options.source, meta.tableName);
  } finally {
    await client.query(`drop table if exists ${stage}`).catch(() => undefined);
  }
}

/** The smallest n such that writing rows 1…n fails (each attempt rolled back), with its error. */
async function shortestFailingPrefix(client: PoolClient, insert: (upTo: number) => string, count: number): Promise<{ ordinal: number; error: unknown } | null> {
  const attempt = async (upTo: number): Promise<unknown> => {
    await client.query('savepoint tdg_load_probe');
    try {
      await client.query(insert(upTo));
      return null;
    } catch (error) {
      return error;
    } finally {
      await client.query('rollback to savepoint tdg_load_probe');
    }
  };
  let failing = await attempt(count);
  if (!failing) return null;
  let low = 1;
  let high = count;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    const error = await attempt(mid);
    if (error) {
      high = mid;
      failing = error;
    } else low = mid + 1;
  }
  return { ordinal: high, error: failing };
}

/** PostgreSQL's error as a problem at the file and line of the row (1-based ordinal) it concerns. */
function located(error: unknown, ordinal: number | undefined, source: RowSource | undefined, table: string): Error {
  const e = error as Partial<DatabaseError> & Error;
  if (typeof e?.code !== 'string') return error as Error;
  const key = /^Key \(([^)]*)\)/.exec(e.detail ?? '');
  const column = e.column ?? key?.[1] ?? '';
  const reason = `${e.message}${e.detail ? ` (${e.detail})` : ''}`;
  const line = ordinal !== undefined && source ? (source.lines[ordinal - 1] ?? 0) : 0;
  return new RowsRejected([{ file: source?.file ?? table, line, column, reason }]);
}
