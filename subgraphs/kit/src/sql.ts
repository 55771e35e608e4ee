import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs one SQL statement with `?` placeholders on the request's EntityManager connection (inside its transaction, if
 * any), through MikroORM so that it is logged and counted like every other statement.
 *
 * Lists travel as one parameter each (MikroORM expands a plain array parameter into several placeholders): long lists
 * as PostgreSQL array literals (`textArrayParam`, `intArrayParam`; in SQL `?::text[]`, `?::int[]`, and
 * `unnest(?::int[], ?::text[]) as s(k, urn)` for pairs), which PostgreSQL parses several times faster than JSON and
 * whose length the planner knows (it estimates 100 rows for any `jsonb_to_recordset`); short lists may also be one JSON
 * parameter (`jsonParam`, `jsonb_array_elements_text(?::jsonb)`).
 */
export async function query<Row>(em: EntityManager, sql: string, params: unknown[] = []): Promise<Row[]> {
  return (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as Row[];
}

/** A list (of strings, numbers or objects) as one JSON parameter for `?::jsonb`. */
export function jsonParam(list: readonly unknown[]): string {
  return JSON.stringify(list);
}

const SAFE_ELEMENT = /^[A-Za-z0-9_.:-]+$/;

/**
 * A list of strings as one PostgreSQL array literal for `?::text[]`: `{a,b}`. Elements other than plain codes (letters,
 * digits, `_ . : -`) are quoted, with `"` and `\` escaped, so any string round-trips (`NULL` would not: it is quoted too).
 */
export function textArrayParam(list: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    if (i > 0) out += ',';
    out += SAFE_ELEMENT.test(s) && s.toUpperCase() !== 'NULL' ? s : `"${s.replace(/["\\]/g, '\\$&')}"`;
  }
  return `${out}}`;
}

/** A list of integers as one PostgreSQL array literal for `?::int[]`: `{1,2}`. */
export function intArrayParam(list: readonly number[]): string {
  for (const n of list) if (!Number.isInteger(n)) throw new TypeError(`not an integer: ${n}`);
  return `{${list.join(',')}}`;
}
