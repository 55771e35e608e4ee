import type { MikroORM } from '@mikro-orm/postgresql';
import { isDataVersionStatement } from '@tdg/kit/audit/data-version';
import type { Identity } from '@tdg/kit/auth/identity';
import { signRequest } from '@tdg/kit/auth/signing';
import { withDatabase } from '@tdg/kit/database-url';
import { importFolder } from '@tdg/kit/load/import-folder';
import { migrate, openOrm } from '@tdg/kit/orm';
import type { RequestBoundsConfig } from '@tdg/kit/request-bounds';
import { type RunningSubgraph, serveSubgraph } from '@tdg/kit/server';
import type { SubgraphPackage } from '@tdg/kit/subgraph-package';
import { freePort } from './free-port.ts';

/** The secret the test gateway and test subgraphs share. */
export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef0123456789';

/** An administrator, for tests that call a subgraph directly (as the gateway would, signed). */
export const TEST_ADMIN: Identity = { subject: 'test-admin', organisation: null, roles: ['ADMIN'], regionScope: null };

let counter = 0;

/** A test's own database for one subgraph on the test server (embedded or DATABASE_URL), migrated. */
export async function openTestDatabase(pkg: SubgraphPackage, onQuery?: (sql: string) => void): Promise<MikroORM> {
  const server = process.env.TEST_DATABASE_SERVER_URL;
  if (!server) throw new Error('TEST_DATABASE_SERVER_URL is not set: run tests through jest (globalSetup)');
  counter += 1;
  const name = `tdg_test_${pkg.info.databaseName.replace(/^tdg_/, '')}_${process.pid}_${counter}_${Date.now() % 100000}`;
  const orm = await openOrm({ clientUrl: withDatabase(server, name), entities: pkg.entities, migrationsPath: pkg.migrationsPath, onQuery });
  await migrate(orm);
  return orm;
}

export interface TestSubgraph {
  readonly url: string;
  readonly orm: MikroORM;
  readonly server: RunningSubgraph;
  /** SQL statements run since the last `resetSqlCount()` (migrations and loads excluded). */
  sqlCount(): number;
  resetSqlCount(): void;
  close(): Promise<void>;
}

/** Starts a real subgraph over HTTP on a free port, with its own fresh database, optionally loaded from a folder. */
export async function startTestSubgraph(pkg: SubgraphPackage, folder?: string, options: { readonly bounds?: RequestBoundsConfig } = {}): Promise<TestSubgraph> {
  let count = 0;
  let counting = false;
  const orm = await openTestDatabase(pkg, (sql) => {
    // The gateway's polls of the data version (when a cache is on) are not statements of the requests counted.
    if (counting && !sql.startsWith('[migrator]') && !isDataVersionStatement(sql)) count += 1;
  });
  if (folder) await importFolder(orm, pkg.importSpec, folder);
  const server = await serveSubgraph(pkg.module, { orm, port: await freePort(), signingSecret: TEST_SIGNING_SECRET, bounds: options.bounds });
  counting = true;
  return {
    url: server.url,
    orm,
    server,
    sqlCount: () => count,
    resetSqlCount: () => {
      count = 0;
    },
    close: async () => {
      await server.close();
      await orm.schema.dropDatabase().catch(() => undefined);
      await orm.close();
    },
  };
}

/**
 * POSTs a GraphQL operation to a subgraph, signed as the gateway signs, for `identity` (an administrator by default;
 * `null` for an anonymous caller), and returns the parsed JSON body.
 */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  identity: Identity | null = TEST_ADMIN,
): Promise<{ data?: T; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] }> {
  const body = JSON.stringify({ query, variables });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signRequest(TEST_SIGNING_SECRET, identity, body) },
    body,
  });
  return (await response.json()) as never;
}
