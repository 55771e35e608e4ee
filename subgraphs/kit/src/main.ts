import { DATA_VERSION_MARKER } from './audit/data-version.ts';
import { ConfigError } from './config.ts';
import { startTracing } from './observability/tracing.ts';
import { openOrm } from './orm.ts';
import { serveSubgraph } from './server.ts';
import { loadSubgraphConfig } from './subgraph-config.ts';
import type { SubgraphPackage } from './subgraph-package.ts';

/**
 * Runs one subgraph as a process: validates its configuration, connects to its database (which must be migrated:
 * `npm run migrate`), serves it, and stops cleanly on SIGINT/SIGTERM.
 */
export async function runSubgraph(pkg: SubgraphPackage): Promise<void> {
  let config: ReturnType<typeof loadSubgraphConfig>;
  try {
    config = loadSubgraphConfig(pkg.info);
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
    onQuery:
      countStatements || logStatements
        ? (sql) => {
            // The gateway's response cache polls GET /data-version: not a statement of any GraphQL request.
            if (!sql.includes(DATA_VERSION_MARKER)) statements += 1;
            if (logStatements) console.log(`[${pkg.info.name}] sql ${sql}`);
          }
        : undefined,
  });
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
    observability: config.observability,
  });
  console.log(`[${pkg.info.name}] ready at ${server.url}`);
  const stop = async () => {
    await server.close();
    await orm.close();
    await tracing?.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
