import type { SubgraphInfo } from './subgraph-info.ts';

/**
 * The database URL of one subgraph: `<PREFIX>_DATABASE_URL` when set (a partner running its own subgraph points it
 * anywhere), otherwise the shared server URL with the subgraph's own database name as path.
 */
export function subgraphDatabaseUrl(info: SubgraphInfo, serverUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  const own = env[`${info.envPrefix}_DATABASE_URL`];
  if (own) return own;
  const url = new URL(serverUrl);
  url.pathname = `/${info.databaseName}`;
  return url.toString();
}

/** The same URL with another database name (e.g. `postgres`, to create a database). */
export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The database name a URL points at. */
export function databaseNameOf(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
}
