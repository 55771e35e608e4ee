/**
 * `npm run new-subgraph -- <name> [--type <EntityType>] [--port <port>]`: a new subgraph of the graph, built on the kit.
 * Writes `subgraphs/<name>/` (one entity with its migration, loaders and resolvers, an import spec with a sample CSV
 * folder, `_entities` and import tests, a README) and `schema/<name>.graphql`, adds it to `schema/supergraph.yaml` with
 * a free port and its own database, then recomposes the supergraph and regenerates the resolver types. Right after,
 * `npm test` passes and the next `npm start` serves it. A bad name (taken, or not kebab-case) is refused and nothing
 * is written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDatabaseName } from '@tdg/kit/subgraph-info';
import { PROJECT_ROOT } from './project-config.ts';
import { nameProblem, scaffoldNames } from './scaffold/names.ts';
import { renderTemplates, writeFiles } from './scaffold/render.ts';
import { addToSupergraphConfig } from './scaffold/supergraph-entry.ts';
import { SUPERGRAPH_CONFIG, readSubgraphList } from './subgraph-list.ts';
import { SUBGRAPH_INFOS } from './subgraph-packages.ts';

const TEMPLATES = join(PROJECT_ROOT, 'scripts/templates/subgraph');
/** The gateway's default port; subgraphs take the ones after it. */
const GATEWAY_PORT = 4000;

const fail = (message: string): never => {
  console.error(`new-subgraph: ${message}`);
  process.exit(1);
};

/** Whether nothing listens on a port of this machine now. */
const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** The first port after every subgraph's that is free now. */
async function pickPort(): Promise<number> {
  const taken = new Set([GATEWAY_PORT, ...SUBGRAPH_INFOS.map((s) => s.defaultPort)]);
  let port = Math.max(...taken) + 1;
  while (taken.has(port) || !(await portFree(port))) port += 1;
  return port;
}

/** `20261207183015`: the migration's name, as `npm run migration:create` names them. */
const timestamp = () => new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { type: { type: 'string' }, port: { type: 'string' }, 'no-compose': { type: 'boolean', default: false } },
});
if (positionals.length !== 1) fail('give one name, e.g. `npm run new-subgraph -- research-schools`');
const name = positionals[0];
const problem = nameProblem(name);
if (problem) fail(problem);
if (values.type !== undefined && !/^[A-Z][A-Za-z0-9]*$/.test(values.type)) fail(`--type "${values.type}" must be a PascalCase type name (e.g. ResearchSchool)`);
if (readSubgraphList().some((s) => s.name === name)) fail(`schema/supergraph.yaml already lists a subgraph named "${name}"`);
for (const path of [`subgraphs/${name}`, `schema/${name}.graphql`]) if (existsSync(join(PROJECT_ROOT, path))) fail(`${path} already exists`);
const database = defaultDatabaseName(name);
const sameDatabase = SUBGRAPH_INFOS.find((s) => s.databaseName === database);
if (sameDatabase) fail(`the database name ${database} is taken by ${sameDatabase.name}`);
let port: number;
if (values.port !== undefined) {
  port = Number(values.port);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) fail(`--port ${values.port} must be a whole number from 1024 to 65535`);
  const user = SUBGRAPH_INFOS.find((s) => s.defaultPort === port);
  if (user || port === GATEWAY_PORT) fail(`port ${port} is taken by ${user?.name ?? 'the gateway'}`);
} else port = await pickPort();

const names = scaffoldNames(name, values.type);
const files = renderTemplates(TEMPLATES, { ...names, port: String(port), database, timestamp: timestamp() }).map((f) =>
  f.path.startsWith('schema/') ? f : { ...f, path: `subgraphs/${name}/${f.path}` },
);
writeFiles(PROJECT_ROOT, files);
addToSupergraphConfig(SUPERGRAPH_CONFIG, name, `http://localhost:${port}/graphql`, `./${name}.graphql`);
console.log(`new-subgraph: wrote ${files.length} files for ${name} (port ${port}, database ${database}) and added it to schema/supergraph.yaml`);
for (const f of files) console.log(`  ${f.path}`);

if (!values['no-compose']) {
  for (const script of ['codegen', 'compose']) {
    const run = spawnSync('npm', ['run', '--silent', script], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    if (run.status !== 0) fail(`npm run ${script} failed (exit ${run.status}): fix the SDL in schema/${name}.graphql and run it again`);
  }
}
console.log(`
Next:
  npm test -- subgraphs/${name}         its _entities and import tests
  npm start                             serves it with the rest of the graph (migrated on start)
  npm run subgraph -- ${name}          it alone, beside a running graph
  npm run schema:check -- ${name} schema/${name}.graphql   after changing its SDL, before composing`);
