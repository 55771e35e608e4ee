import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pool, PoolClient } from 'pg';

/** An open load transaction: the `pg` client holding it, and the milliseconds spent writing each file's rows. */
export interface LoadContext {
  readonly client: PoolClient;
  readonly writeMs: Map<string, number>;
}

const contexts = new WeakMap<EntityManager, LoadContext>();

/**
 * Runs `work` in one MikroORM transaction (`em.transactional`) and makes the `pg` client that holds it known to
 * `loadContextOf(tx)`, for what MikroORM's API does not offer (COPY streams, `pg-copy-streams`).
 *
 * MikroORM 7 runs SQL through Kysely, whose connection keeps its `pg` client private. The client is found instead from
 * the pool MikroORM exposes (`getConnection().getNativeClient()`): the pool announces every client it hands out
 * (`acquire`), and the transaction's own backend pid (`select pg_backend_pid()`, run inside it) names which one it is.
 * Statements sent on that client belong to the same transaction, so they commit or roll back with it.
 */
export async function transactionalWithClient<T>(em: EntityManager, work: (tx: EntityManager, context: LoadContext) => Promise<T>): Promise<T> {
  const pool = (await em.getConnection().getNativeClient()) as Pool;
  const acquired = new Map<number, PoolClient>();
  const onAcquire = (client: PoolClient) => {
    const pid = (client as PoolClient & { processID?: number | null }).processID;
    if (pid) acquired.set(pid, client);
  };
  pool.on('acquire', onAcquire);
  try {
    return await em.transactional(async (tx) => {
      pool.off('acquire', onAcquire);
      const [row] = await tx.execute<{ pid: number }[]>('select pg_backend_pid() as pid');
      const client = acquired.get(Number(row?.pid));
      if (!client) throw new Error(`the pg client of the load transaction (backend ${row?.pid}) was not found in the pool`);
      const context: LoadContext = { client, writeMs: new Map() };
      contexts.set(tx, context);
      try {
        return await work(tx, context);
      } finally {
        contexts.delete(tx);
      }
    });
  } finally {
    pool.off('acquire', onAcquire);
  }
}

/** The load context of a transaction opened by `transactionalWithClient`, if `em` is one. */
export const loadContextOf = (em: EntityManager): LoadContext | undefined => contexts.get(em);
