import { loadsSchoolAreas } from './area/school-area.ts';
import { startSchoolAreasRefresh } from './area/school-areas-refresh.ts';
import { isDataVersionStatement } from './audit/data-version.ts';
import { ConfigError, readAll } from './config.ts';
import { startTracing } from './observability/tracing.ts';
import { openOrm } from './orm.ts';
import { serveSubgraph } from './server.ts';
import { loadShutdownConfig, type ShutdownConfig, stopGracefullyOnSignals } from './shutdown.ts';
import { loadSubgraphConfig } from './subgraph-config.ts';
import type { SubgraphPackage } from './subgraph-package.ts';

export interface RunOptions {
  /** Apply pending migrations at start (a partner's subgraph run on its own) instead of refusing to start. */
  readonly migrate?: boolean;
}

/**
 * Runs one subgraph as a process: validates its configuration, connects to its database (which must be migrated:
 * `npm run migrate`, or `migrate: true`), serves it, and stops cleanly on SIGINT/SIGTERM.
 */
export async function runSubgraph(pkg: SubgraphPackage, options: RunOptions = {}): Promise<void> {
  let config: ReturnType<typeof loadSubgraphConfig>;
  let shutdown: ShutdownConfig;
  try {
    [config, shutdown] = readAll(() => loadSubgraphConfig(pkg.info), () => loadShutdownConfig());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[${pkg.info.name}] ${error.message}`);
      process.exit(78);
    }
    throw error;
  }
  const tracing = await startTracing(config.observability.tracing, pkg.info.name);
  // SQL_STATEMENT_STATS=1 (the benchmark): count every statement and serve the running total at GET /stats/sql.
  // SQL_STATEMENT_LOG=1 (profiling): print every statement with MikroORM's timing ("[took N ms]") to stdout.
  let statements = 0;
  const countStatements = process.env.SQL_STATEMENT_STATS === '1';
  const logStatements = process.env.SQL_STATEMENT_LOG === '1';
  const orm = await openOrm({
    clientUrl: config.databaseUrl,
    entities: pkg.entities,
    migrationsPath: pkg.migrationsPath,
    poolSize: config.poolSize,
    statementTimeoutMs: config.statementTimeoutMs,
    onQuery:
      countStatements || logStatements
        ? (sql) => {
            // The gateway's response cache polls GET /data-version: not a statement of any GraphQL request.
            if (!isDataVersionStatement(sql)) statements += 1;
            if (logStatements) console.log(`[${pkg.info.name}] sql ${sql}`);
          }
        : undefined,
  });
  if (options.migrate) await orm.migrator.up();
  const pending = await orm.migrator.getPending();
  if (pending.length > 0) {
    console.error(`[${pkg.info.name}] ${pending.length} migration(s) pending on ${orm.config.get('dbName')}: run \`npm run migrate\` first`);
    await orm.close();
    process.exit(1);
  }
  const server = await serveSubgraph(pkg.module, {
    orm,
    port: config.port,
    host: config.host,
    production: config.production,
    signingSecret: config.signingSecret,
    sqlStatements: countStatements ? () => statements : undefined,
    bounds: config.bounds,
    observability: config.observability,
  });
  console.log(`[${pkg.info.name}] ready at ${server.url}`);
  // SCHOOL_AREAS_URL: the register's URN → LA lookup fetched now and every SCHOOL_AREAS_REFRESH_SECONDS (If-None-Match),
  // for a subgraph whose import spec loads it; a failed fetch keeps the table (area/school-areas-refresh.ts).
  const schoolAreas =
    config.schoolAreas && loadsSchoolAreas(pkg.importSpec)
      ? startSchoolAreasRefresh(orm, { ...config.schoolAreas, log: (line) => console.log(`[${pkg.info.name}] ${line}`) })
      : null;
  // SIGTERM: readiness 503, drain, close, exit (shutdown.ts); the database pool closes last.
  stopGracefullyOnSignals(pkg.info.name, server, shutdown, async () => {
    schoolAreas?.stop();
    await orm.close();
    await tracing?.shutdown();
  });
}
