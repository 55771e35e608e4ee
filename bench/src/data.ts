/**
 * The benchmark's databases: one per subgraph, named `tdg_bench_<size>_<subgraph>` so that the quick (region) and full
 * (national) datasets live side by side, on DATABASE_URL's server or on a dedicated embedded PostgreSQL under
 * .data/bench-postgres. A database carries a comment naming the dataset it holds; a load is skipped when all four
 * already hold the same size and seed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@tdg/kit/embedded-postgres';
import pg from 'pg';
import { writeDemoFolder } from '../../scripts/src/demo-folder.ts';
import { importIntoSubgraphs } from '../../scripts/src/import-command.ts';
import { openMigrated } from '../../scripts/src/open-subgraph-db.ts';
import { readLocalSubgraphs } from '../../scripts/src/subgraph-list.ts';
import { SUBGRAPH_PACKAGES } from '../../scripts/src/subgraph-packages.ts';
import { benchPorts, type DatasetSize, PATHS, ROOT } from './config.ts';
import type { ImportTiming } from './report.ts';

/** The subgraphs of schema/supergraph.yaml that run from this repository. */
const SUBGRAPHS = readLocalSubgraphs();

export interface BenchDatabases {
  /** Full URL of each subgraph's benchmark database. */
  readonly urls: Readonly<Record<string, string>>;
  /** `<PREFIX>_DATABASE_URL` for each subgraph: the environment a subgraph process reads. */
  readonly env: Readonly<Record<string, string>>;
  /** Whether this run loaded the data (false: it was there already). */
  readonly loaded: boolean;
  /** Seconds spent generating and importing (0 when skipped). */
  readonly loadSeconds: number;
  /** Rows and times per file of the import, when this run loaded the data. */
  readonly importTiming: ImportTiming | null;
  /** Where the server is: `embedded` or DATABASE_URL's host. */
  readonly server: string;
  release(): Promise<void>;
}

export const benchDatabaseName = (subgraph: string, size: DatasetSize) =>
  `tdg_bench_${size}_${subgraph.replace(/-/g, '_')}`;

const withDatabase = (serverUrl: string, database: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

/**
 * What a loaded dataset depends on besides its size and seed: every subgraph's migrations (names) and the demo-data
 * generator's sources (contents). A change to either (a new table such as school_area, a new generated file) makes
 * the next run load the data again instead of measuring databases that lack it.
 */
function datasetFingerprint(): string {
  const hash = createHash('sha256');
  for (const pkg of SUBGRAPH_PACKAGES) hash.update(`${pkg.info.name}:${readdirSync(pkg.migrationsPath).sort().join(',')}\n`);
  const generator = join(ROOT, 'scripts/src/demo-data');
  for (const file of readdirSync(generator).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) hash.update(readFileSync(join(generator, file)));
  return hash.digest('hex').slice(0, 12);
}

const marker = (size: DatasetSize, seed: number) => `tdg-bench dataset ${size} seed ${seed} data ${datasetFingerprint()}`;

/** Opens (and, when needed, loads) the benchmark databases for a dataset. */
export async function prepareDatabases(size: DatasetSize, seed: number, log: (line: string) => void, reload = false): Promise<BenchDatabases> {
  const { serverUrl, server, release } = await acquireServer(log);
  try {
    const urls = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, withDatabase(serverUrl, benchDatabaseName(s.name, size))])) as Record<string, string>;
    const env = Object.fromEntries(SUBGRAPHS.map((s) => [`${s.envPrefix}_DATABASE_URL`, urls[s.name]]));
    // The project's import and migrate code read <PREFIX>_DATABASE_URL (kit/database-url.ts): point them at ours.
    Object.assign(process.env, env);
    const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
    await admin.connect();
    let loaded = false;
    let migrated = false;
    let importTiming: ImportTiming | null = null;
    const started = performance.now();
    try {
      const comments = await admin.query<{ datname: string; comment: string | null }>(
        `select datname, shobj_description(oid, 'pg_database') as comment from pg_database where datname = any($1)`,
        [SUBGRAPHS.map((s) => benchDatabaseName(s.name, size))],
      );
      const expected = marker(size, seed);
      const ready = !reload && comments.rows.length === SUBGRAPHS.length && comments.rows.every((r) => r.comment === expected);
      if (ready) {
        log(`databases already hold the ${size} dataset (seed ${seed}): load skipped`);
        // Migrations added since the load still apply (then statistics and visibility maps are refreshed, as after a load).
        for (const pkg of SUBGRAPH_PACKAGES) {
          await (
            await openMigrated(pkg, serverUrl, (line) => {
              migrated = true;
              log(line);
            })
          ).close();
        }
      } else {
        for (const row of comments.rows) await admin.query(`drop database if exists "${row.datname}" with (force)`);
        log(`generating the ${size} demo dataset (seed ${seed})…`);
        const folder = await writeDemoFolder(join(PATHS.dataDir, 'demo'), size, seed);
        log(`importing ${folder} into ${SUBGRAPHS.map((s) => benchDatabaseName(s.name, size)).join(', ')}…`);
        const importStarted = performance.now();
        const outcome = await importIntoSubgraphs(SUBGRAPH_PACKAGES, serverUrl, folder, (line) => log(`  ${line}`));
        if (outcome.rejected.length > 0) throw new Error(`the ${size} demo dataset was rejected by ${outcome.rejected.length} subgraph(s)`);
        importTiming = {
          size,
          seconds: (performance.now() - importStarted) / 1000,
          files: outcome.results.flatMap((r) =>
            Object.entries(r.loaded).map(([file, rows]) => ({ subgraph: r.subgraph, file, rows, readMs: r.timings[file]?.readMs ?? 0, writeMs: r.timings[file]?.writeMs ?? 0 })),
          ),
        };
        for (const s of SUBGRAPHS) await admin.query(`comment on database "${benchDatabaseName(s.name, size)}" is '${expected}'`);
        loaded = true;
      }
    } finally {
      await admin.end();
    }
    if (loaded || migrated) await analyze(Object.values(urls));
    return { urls, env, loaded, loadSeconds: loaded ? (performance.now() - started) / 1000 : 0, importTiming, server, release };
  } catch (error) {
    await release();
    throw error;
  }
}

/** Fresh statistics after a bulk load, so that every target meets the same query plans from the first request. */
async function analyze(urls: string[]): Promise<void> {
  for (const url of urls) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('vacuum analyze');
    await client.end();
  }
}

async function acquireServer(log: (line: string) => void): Promise<{ serverUrl: string; server: string; release: () => Promise<void> }> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) return { serverUrl: databaseUrl, server: `DATABASE_URL (${new URL(databaseUrl).host})`, release: async () => undefined };
  const port = benchPorts().embeddedPostgres;
  log(`starting the benchmark's embedded PostgreSQL (${PATHS.embeddedPostgres}, port ${port})`);
  const pgServer = await startEmbeddedPostgres({ dataDir: PATHS.embeddedPostgres, port });
  return { serverUrl: pgServer.serverUrl, server: `embedded PostgreSQL (port ${port})`, release: () => pgServer.stop() };
}
