import { ConfigError } from './config.ts';
import { LoadRejected, importFolder } from './load/import-folder.ts';
import { formatProblem } from './load/spec.ts';
import { migrate, openOrm } from './orm.ts';
import { loadSubgraphConfig } from './subgraph-config.ts';
import type { SubgraphPackage } from './subgraph-package.ts';

/**
 * Loads a folder of CSV files into a subgraph's own database, as a command (`node load.ts <folder>`): the database is
 * created and migrated first; a bad row rejects the whole load, every problem listed as `file:line:column: reason`.
 * Returns the exit code: 0 loaded, 1 rejected, 78 configuration problem.
 */
export async function runLoad(pkg: SubgraphPackage, folder: string): Promise<number> {
  let config: ReturnType<typeof loadSubgraphConfig>;
  try {
    config = loadSubgraphConfig(pkg.info);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`[${pkg.info.name}] ${error.message}`);
    return 78;
  }
  const orm = await openOrm({ clientUrl: config.databaseUrl, entities: pkg.entities, migrationsPath: pkg.migrationsPath });
  try {
    await migrate(orm);
    const result = await importFolder(orm, pkg.importSpec, folder);
    console.log(`[${pkg.info.name}] loaded ${Object.entries(result.loaded).map(([f, n]) => `${f} ${n}`).join(', ') || 'nothing: no files of this subgraph in the folder'}`);
    return 0;
  } catch (error) {
    if (!(error instanceof LoadRejected)) throw error;
    console.error(`[${pkg.info.name}] load rejected, nothing changed:`);
    for (const p of error.problems) console.error(`  ${formatProblem(p)}`);
    return 1;
  } finally {
    await orm.close();
  }
}
