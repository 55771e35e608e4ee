import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@tdg/kit/embedded-postgres';
import { freePort } from './free-port.ts';

/**
 * Gives every test a PostgreSQL server: the one DATABASE_URL names, or an embedded one on a free port in a temporary
 * folder, started once for the whole run. Tests read TEST_DATABASE_SERVER_URL and create their own databases.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  const server = await startEmbeddedPostgres({
    dataDir: join(mkdtempSync(join(tmpdir(), 'tdg-test-pg-')), 'data'),
    port: await freePort(),
    persistent: false,
  });
  process.env.TEST_DATABASE_SERVER_URL = server.serverUrl;
  (globalThis as { __tdgEmbeddedPg?: typeof server }).__tdgEmbeddedPg = server;
}
