import { stripVTControlCharacters } from 'node:util';
import { Migrator } from '@mikro-orm/migrations';
import { type EntitySchema, MikroORM, defineConfig } from '@mikro-orm/postgresql';
import { SeedManager } from '@mikro-orm/seeder';

/** What a subgraph's entities and migrations are written with (MikroORM), for a partner's package to import from here. */
export { type EntityManager, defineEntity, p } from '@mikro-orm/postgresql';
export { Migration } from '@mikro-orm/migrations';
import { observedLoggerFactory } from './observability/sql-observer.ts';

export interface OrmOptions {
  /** Full database URL of this subgraph's own database. */
  readonly clientUrl: string;
  /** The subgraph's entity schemas. */
  // biome-ignore lint/suspicious/noExplicitAny: entity schemas of any shape
  readonly entities: EntitySchema<any, any>[];
  /** Folder of the subgraph's migration files. */
  readonly migrationsPath: string;
  /** Called with every SQL statement run (for statement counting in tests and the benchmark). */
  readonly onQuery?: (sql: string) => void;
  /** Connection pool size (default 10). */
  readonly poolSize?: number;
  /**
   * PostgreSQL `statement_timeout` of every connection, in ms: the server cancels a statement running longer (a
   * serving subgraph's bound, STATEMENT_TIMEOUT_MS); also how long a request waits for a free connection. None when unset.
   */
  readonly statementTimeoutMs?: number;
}

/** MikroORM configuration of a subgraph: its entities, migrations as files, no schema sync. */
export function ormConfig(options: OrmOptions) {
  return defineConfig({
    clientUrl: options.clientUrl,
    entities: options.entities,
    extensions: [Migrator, SeedManager],
    migrations: {
      path: options.migrationsPath,
      glob: '!(*.d).{js,ts}',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      silent: true,
    },
    pool: { min: 0, max: options.poolSize ?? 10 },
    // pg's own options: the server ends a statement past the timeout, pg gives up waiting for a connection after it.
    driverOptions: options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs, connectionTimeoutMillis: options.statementTimeoutMs } : undefined,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: false },
    debug: options.onQuery ? ['query'] : false,
    // Spans for statements while tracing, and the subgraph's SQL metrics (observability/sql-observer.ts).
    loggerFactory: observedLoggerFactory(new URL(options.clientUrl).pathname.slice(1) || undefined),
    logger: options.onQuery
      ? (message: string) => {
          const sql = stripVTControlCharacters(message).replace(/^\[query\]\s*/, '');
          options.onQuery?.(sql);
        }
      : undefined,
  });
}

/** Connects a subgraph's ORM to its database, creating the database first when it does not exist. */
export async function openOrm(options: OrmOptions): Promise<MikroORM> {
  const orm = new MikroORM(ormConfig(options));
  await orm.schema.ensureDatabase({ create: true });
  await orm.connect();
  return orm;
}

/** Runs the subgraph's pending migrations; returns the names of those applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
