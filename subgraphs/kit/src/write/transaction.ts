import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';

/** What a write needs of the request context: its EntityManager and its DataLoaders (anything with `clearAll`). */
export interface WriteContext {
  readonly em: EntityManager;
  readonly loaders: Readonly<Record<string, { clearAll(): unknown }>>;
}

/**
 * Runs a write and its audit entry in one transaction on a clean fork of the request's EntityManager (anything thrown
 * rolls everything back). Two concurrent first writes of the same natural key collide on a unique key: the loser runs
 * `work` once more and finds the winner's record (the idempotent path), so it answers as a repeat instead of failing.
 * Afterwards the request's identity map and DataLoader caches are dropped, so that what the mutation's selection reads
 * is what was committed.
 */
export async function writeTransaction<T>(ctx: WriteContext, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await ctx.em.transactional(work, { clear: true });
      forgetReads(ctx);
      return result;
    } catch (error) {
      if (attempt < 2 && error instanceof UniqueConstraintViolationException) continue;
      throw error;
    }
  }
}

/** Forgets what this request has read (identity map, DataLoader caches), so that later reads see the database as it is. */
export function forgetReads(ctx: WriteContext): void {
  ctx.em.clear();
  for (const loader of Object.values(ctx.loaders)) loader.clearAll();
}
