import { createConnection } from 'node:net';
import { join } from 'node:path';
import { type EmbeddedServer, startEmbeddedPostgres } from '@tdg/kit/embedded-postgres';
import type { ProjectConfig } from './project-config.ts';

export interface DatabaseServer {
  /** Server URL without a database. */
  readonly serverUrl: string;
  /** Whether this process started an embedded server (and stops it on release). */
  readonly embedded: boolean;
  release(): Promise<void>;
}

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * The PostgreSQL server to use: DATABASE_URL when set; otherwise the project's embedded server under the data folder,
 * reused when `npm start` already runs it, started (and later stopped) by this process when not.
 */
export async function acquireDatabaseServer(config: ProjectConfig, log: (line: string) => void = console.log): Promise<DatabaseServer> {
  if (config.databaseUrl) return { serverUrl: config.databaseUrl, embedded: false, release: async () => undefined };
  const serverUrl = `postgres://postgres:postgres@127.0.0.1:${config.embeddedPort}/`;
  if (await answers(config.embeddedPort)) return { serverUrl, embedded: false, release: async () => undefined };
  log(`starting embedded PostgreSQL (data in ${join(config.dataDir, 'postgres')}, port ${config.embeddedPort})`);
  const server: EmbeddedServer = await startEmbeddedPostgres({ dataDir: join(config.dataDir, 'postgres'), port: config.embeddedPort });
  return { serverUrl: server.serverUrl, embedded: true, release: () => server.stop() };
}
