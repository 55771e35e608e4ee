import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs one SQL statement with `?` placeholders on the request's EntityManager connection (inside its transaction, if
 * any), through MikroORM so that it is logged and counted like every other statement.
 *
 * Lists travel as one JSON parameter (see `jsonParam`): MikroORM expands a plain array parameter into several
 * placeholders. In SQL: `jsonb_array_elements_text(?::jsonb)` for a list of strings, or
 * `jsonb_to_recordset(?::jsonb) as s(key text, urn text)` for a list of pairs.
 */
export async function query<Row>(em: EntityManager, sql: string, params: unknown[] = []): Promise<Row[]> {
  return (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as Row[];
}

/** A list (of strings, numbers or objects) as one JSON parameter for `?::jsonb`. */
export function jsonParam(list: readonly unknown[]): string {
  return JSON.stringify(list);
}
