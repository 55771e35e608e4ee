import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * How far below the newest audit entry a still-uncommitted one can be and still be seen to commit: a transaction
 * holding a lower id would have to stay uncommitted while this many later entries commit.
 */
export const DATA_VERSION_WINDOW = 10_000;

/** Marks the data-version statement, so that statement counts of GraphQL requests (SQL_STATEMENT_STATS) leave it out. */
export const DATA_VERSION_MARKER = '/* data-version */';

/** Whether a statement is the data-version poll (not a statement of the GraphQL requests being counted). */
export const isDataVersionStatement = (sql: string): boolean => sql.includes(DATA_VERSION_MARKER);

/**
 * The version of a subgraph's data: it changes with every committed write, since every change — a GraphQL mutation or
 * a bulk import — records an `audit_entry` row in the same transaction as the data (audit/record.ts). It is the
 * newest entry's id and how many entries the last DATA_VERSION_WINDOW ids hold, `"<id>.<count>"` (`"0.0"` with no
 * entry): the id alone would miss a transaction that took a lower id but committed after a higher one, the count
 * goes up when it commits. Entries are never deleted, so a version never comes back. One statement over the primary
 * key's index, whatever the size of the table. The gateway's response cache keys its entries by these (see
 * gateway/README.md).
 */
export async function dataVersion(em: EntityManager): Promise<string> {
  const [row] = (await em.getConnection().execute(
    `${DATA_VERSION_MARKER} select newest.id::text as id, (select count(*) from audit_entry a where a.id > newest.id - ${DATA_VERSION_WINDOW})::text as recent
       from (select coalesce(max(id), 0) as id from audit_entry) newest`,
  )) as { id: string; recent: string }[];
  return `${row.id}.${row.recent}`;
}
