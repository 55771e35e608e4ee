import type { MikroORM } from '@mikro-orm/postgresql';
import { Gauge, type Registry } from 'prom-client';

/** What `pg`'s Pool tells of itself (the pool behind MikroORM 7's PostgreSQL driver, through kysely). */
interface PgPoolCounts {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options: { readonly max?: number };
}

/**
 * Database pool gauges, read from the `pg` Pool itself at each scrape (MikroORM 7's PostgreSQL connection hands it out
 * with `getNativeClient()`): connections in use and idle, queries waiting for a connection, and the pool's size.
 */
export async function registerPoolMetrics(registry: Registry, orm: MikroORM): Promise<void> {
  const pool = (await orm.em.getConnection().getNativeClient()) as unknown as PgPoolCounts;
  const registers = [registry];
  new Gauge({
    name: 'tdg_db_pool_connections',
    help: 'Database connections of the pool, by state (in_use, idle)',
    labelNames: ['state'],
    registers,
    collect() {
      this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
      this.set({ state: 'idle' }, pool.idleCount);
    },
  });
  new Gauge({
    name: 'tdg_db_pool_waiting',
    help: 'Queries waiting for a free database connection',
    registers,
    collect() {
      this.set(pool.waitingCount);
    },
  });
  new Gauge({
    name: 'tdg_db_pool_max',
    help: 'Most connections the pool opens (DB_POOL_SIZE)',
    registers,
    collect() {
      this.set(pool.options.max ?? 10);
    },
  });
}
