import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@tdg/kit/embedded-postgres';
import { freePort } from './free-port.ts';

/**
 * PostgreSQL servers a fault test may stop and start without disturbing anyone else: the kit's embedded PostgreSQL
 * (as `npm start` runs it), or a cluster of this machine's own PostgreSQL (as a `DATABASE_URL` server), both in a
 * temporary folder on a free port.
 */
export interface RestartableServer {
  readonly kind: string;
  /** `postgres://…@127.0.0.1:<port>/`, without a database. */
  readonly serverUrl: string;
  /** Stops the server (fast shutdown: open transactions are rolled back, clients disconnected). */
  stop(): Promise<void>;
  /** Starts it again on the same data and port. */
  start(): Promise<void>;
}

export async function embeddedServer(): Promise<RestartableServer> {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'tdg-fault-pg-')), 'data');
  const port = await freePort();
  let server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  return {
    kind: 'embedded',
    serverUrl: server.serverUrl,
    stop: () => server.stop(),
    start: async () => {
      server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    },
  };
}

/** The newest `/usr/lib/postgresql/<version>/bin` with initdb and pg_ctl, or null when the machine has none. */
export function machinePostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

/** uid and gid of the `postgres` system user (PostgreSQL refuses to run as root). */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root, but there is no postgres user to run PostgreSQL as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** A cluster of the machine's PostgreSQL (initdb on a temporary folder), started with pg_ctl on a free port. */
export async function machineServer(bin: string): Promise<RestartableServer> {
  const user = postgresUser();
  const root = mkdtempSync(join(tmpdir(), 'tdg-fault-cluster-'));
  const dataDir = join(root, 'data');
  if (user) chownSync(root, user.uid, user.gid);
  const port = await freePort();
  const run = (tool: string, args: string[]) => execFileSync(join(bin, tool), args, { ...(user ?? {}), stdio: 'pipe', cwd: root, timeout: 120_000 });
  run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync']);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = async () => {
    run('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(root, 'log'), '-w', '-t', '60', 'start']);
  };
  await start();
  return {
    kind: 'server (DATABASE_URL)',
    serverUrl: `postgres://postgres@127.0.0.1:${port}/`,
    stop: async () => {
      run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
    },
    start,
  };
}

/** Runs a script of the project as a process; resolves with its exit code and output. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<{ code: number | null; output: string }> } {
  const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const done = new Promise<{ code: number | null; output: string }>((resolve) => child.on('exit', (code) => resolve({ code, output })));
  return { child, done };
}
