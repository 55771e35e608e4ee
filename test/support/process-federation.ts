import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { withDatabase } from '@tdg/kit/database-url';
import { importFolder } from '@tdg/kit/load/import-folder';
import { migrate, openOrm } from '@tdg/kit/orm';
import type { SubgraphPackage } from '@tdg/kit/subgraph-package';
import { PROJECT_ROOT } from '../../scripts/src/project-config.ts';
import { SUBGRAPH_PACKAGES } from '../../scripts/src/subgraph-packages.ts';
import { freePort } from './free-port.ts';

/** A subgraph's name (those of schema/supergraph.yaml). */
type SubgraphName = string;

import { TEST_SIGNING_SECRET } from './subgraph-harness.ts';
import { testAuthEnv } from './tokens.ts';

/**
 * The federation as real processes (for fault tests: they are killed, stopped and restarted): each subgraph is
 * `node subgraphs/<name>/src/main.ts` on a fresh database of its own on the given PostgreSQL server (migrated and loaded
 * from a folder here first), and the gateway is `node gateway/src/main.ts` in front of them, configured through the
 * environment as in production (NODE_ENV=test, test tokens). A subgraph's URL as the gateway sees it can be replaced
 * (e.g. by a delaying proxy in front of it) through `gatewayUrlFor`.
 */
export interface ProcessFederation {
  readonly gatewayUrl: string;
  /** `http://127.0.0.1:<port>` of the gateway (for /health and /ready). */
  readonly gatewayBase: string;
  readonly gateway: ManagedProcess;
  readonly subgraphs: Readonly<Record<SubgraphName, ManagedProcess>>;
  /** Each subgraph's database URL. */
  readonly databaseUrls: Readonly<Record<SubgraphName, string>>;
  /** Stops every process (SIGKILL after a grace period) and drops the databases. */
  close(): Promise<void>;
}

export interface ManagedProcess {
  readonly name: string;
  readonly port: number;
  /** `http://127.0.0.1:<port>`. */
  readonly base: string;
  readonly child: ChildProcess;
  /** Everything the process printed (stdout and stderr), for assertions and failure messages. */
  output(): string;
  /** Starts the process (again, after a kill or exit) and waits until `GET /health` answers. */
  start(): Promise<void>;
  /** Sends a signal; resolves at once. */
  signal(signal: NodeJS.Signals): void;
  /** Resolves with the exit code (or signal) when the process has exited. */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ProcessFederationOptions {
  /** PostgreSQL server URL (default: the test run's, TEST_DATABASE_SERVER_URL). */
  readonly serverUrl?: string;
  /** Folder of CSV files each subgraph loads before it starts. */
  readonly folder?: string;
  /** Environment of every process (e.g. SHUTDOWN_DRAIN_MS), then of the gateway or one subgraph. */
  readonly env?: Record<string, string>;
  readonly gatewayEnv?: Record<string, string>;
  readonly subgraphEnv?: Partial<Record<SubgraphName, Record<string, string>>>;
  /** The URL the gateway uses for a subgraph, given its real one (default: the real one). */
  readonly gatewayUrlFor?: (name: SubgraphName, url: string, port: number) => string | Promise<string>;
}

let counter = 0;

/** Makes a fresh, migrated (and loaded) database for a subgraph on a server; returns its URL. */
export async function prepareDatabase(pkg: SubgraphPackage, serverUrl: string, folder?: string): Promise<string> {
  counter += 1;
  const url = withDatabase(serverUrl, `tdg_fault_${pkg.info.databaseName.replace(/^tdg_/, '')}_${process.pid}_${counter}_${Date.now() % 1_000_000}`);
  const orm = await openOrm({ clientUrl: url, entities: pkg.entities, migrationsPath: pkg.migrationsPath });
  try {
    await migrate(orm);
    if (folder) await importFolder(orm, pkg.importSpec, folder);
  } finally {
    await orm.close();
  }
  return url;
}

async function dropDatabase(pkg: SubgraphPackage, url: string): Promise<void> {
  const orm = await openOrm({ clientUrl: url, entities: pkg.entities, migrationsPath: pkg.migrationsPath }).catch(() => null);
  if (!orm) return;
  await orm.schema.dropDatabase().catch(() => undefined);
  await orm.close();
}

/** A Node script run as a child process on this Node binary, restartable, its output kept. */
export function managedProcess(name: string, script: string, port: number, env: NodeJS.ProcessEnv): ManagedProcess {
  let child: ChildProcess | undefined;
  let log = '';
  const self: ManagedProcess = {
    name,
    port,
    base: `http://127.0.0.1:${port}`,
    get child() {
      if (!child) throw new Error(`${name} has not started`);
      return child;
    },
    output: () => log,
    start: async () => {
      if (child && child.exitCode === null && child.signalCode === null) throw new Error(`${name} is already running`);
      const started = spawn(process.execPath, [join(PROJECT_ROOT, script)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      const keep = (chunk: Buffer) => {
        log += chunk.toString();
        if (log.length > 200_000) log = log.slice(-100_000);
      };
      started.stdout?.on('data', keep);
      started.stderr?.on('data', keep);
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        if (started.exitCode !== null || started.signalCode !== null) throw new Error(`${name} exited (${started.exitCode ?? started.signalCode}) while starting:\n${log.slice(-3000)}`);
        try {
          if ((await fetch(`${self.base}/health`, { signal: AbortSignal.timeout(1000) })).ok) return;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`${name} did not answer /health within 120 s:\n${log.slice(-3000)}`);
    },
    signal: (signal) => {
      child?.kill(signal);
    },
    exited: async () => {
      const c = self.child;
      if (c.exitCode !== null || c.signalCode !== null) return { code: c.exitCode, signal: c.signalCode };
      const [code, signal] = (await once(c, 'exit')) as [number | null, NodeJS.Signals | null];
      return { code, signal };
    },
  };
  return self;
}

async function stop(p: ManagedProcess, graceMs = 5000): Promise<void> {
  let c: ChildProcess;
  try {
    c = p.child;
  } catch {
    return;
  }
  if (c.exitCode !== null || c.signalCode !== null) return;
  const timer = setTimeout(() => c.kill('SIGKILL'), graceMs);
  c.kill('SIGTERM');
  await once(c, 'exit');
  clearTimeout(timer);
}

export async function startProcessFederation(options: ProcessFederationOptions = {}): Promise<ProcessFederation> {
  const serverUrl = options.serverUrl ?? process.env.TEST_DATABASE_SERVER_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_SERVER_URL is not set: run tests through jest (globalSetup)');
  const common = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', HOST: '127.0.0.1', SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET, ...options.env };
  const databaseUrls = {} as Record<SubgraphName, string>;
  const subgraphs = {} as Record<SubgraphName, ManagedProcess>;
  const gatewayUrls: Record<string, string> = {};
  const prepared = await Promise.all(SUBGRAPH_PACKAGES.map(async (pkg) => [pkg, await prepareDatabase(pkg, serverUrl, options.folder), await freePort()] as const));
  for (const [pkg, databaseUrl, port] of prepared) {
    const { name, envPrefix } = pkg.info;
    databaseUrls[name] = databaseUrl;
    subgraphs[name] = managedProcess(name, `subgraphs/${name}/src/main.ts`, port, {
      ...common,
      [`${envPrefix}_DATABASE_URL`]: databaseUrl,
      [`${envPrefix}_PORT`]: String(port),
      DB_POOL_SIZE: '5',
      ...options.subgraphEnv?.[name],
    });
    const url = `http://127.0.0.1:${port}/graphql`;
    gatewayUrls[`${envPrefix}_URL`] = options.gatewayUrlFor ? await options.gatewayUrlFor(name, url, port) : url;
  }
  const all = Object.values(subgraphs);
  const gatewayPort = await freePort();
  const gateway = managedProcess('gateway', 'gateway/src/main.ts', gatewayPort, {
    ...common,
    GATEWAY_PORT: String(gatewayPort),
    ...gatewayUrls,
    ...(await testAuthEnv()),
    ...options.gatewayEnv,
  });
  const close = async () => {
    await Promise.all([gateway, ...all].map((p) => stop(p)));
    await Promise.all(SUBGRAPH_PACKAGES.map((pkg) => dropDatabase(pkg, databaseUrls[pkg.info.name])));
  };
  try {
    await Promise.all(all.map((p) => p.start()));
    await gateway.start();
  } catch (error) {
    await close();
    throw error;
  }
  return { gatewayUrl: `${gateway.base}/graphql`, gatewayBase: gateway.base, gateway, subgraphs, databaseUrls, close };
}

/** Names of the subgraphs of schema/supergraph.yaml that run from this repository. */
export const SUBGRAPH_NAMES: readonly string[] = SUBGRAPH_PACKAGES.map((p) => p.info.name);
