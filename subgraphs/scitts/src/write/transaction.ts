import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';

/**
 * Runs a write in one transaction (its audit entry included): anything thrown rolls everything back. Two concurrent
 * retries of the same create race on the natural key; the loser runs again once and finds the winner's record, so
 * it answers as an idempotent repeat instead of failing.
 */
export async function writeTransaction<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await em.transactional((tx) => work(tx));
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    return em.transactional((tx) => work(tx));
  }
}
