import { formatProblem } from '@tdg/kit/load/spec';
import { type ImportResult, LoadRejected, importFolder } from '@tdg/kit/load/import-folder';
import type { ProgressListener } from '@tdg/kit/load/progress';
import { loadObservabilityConfig } from '@tdg/kit/observability/config';
import { logImport } from '@tdg/kit/observability/import-log';
import { createLogger } from '@tdg/kit/observability/logger';
import type { SubgraphPackage } from '@tdg/kit/subgraph-package';
import { openMigrated } from './open-subgraph-db.ts';

export interface FolderImportOutcome {
  readonly results: ImportResult[];
  readonly rejected: LoadRejected[];
}

/**
 * Loads a folder into every subgraph's own database (each all-or-nothing on its own: one subgraph's bad file does not
 * stop another's good one), creating and migrating databases first.
 */
export async function importIntoSubgraphs(
  packages: readonly SubgraphPackage[],
  serverUrl: string,
  folder: string,
  log: (line: string) => void = console.log,
  progress?: ProgressListener,
): Promise<FolderImportOutcome> {
  const results: ImportResult[] = [];
  const rejected: LoadRejected[] = [];
  // One JSON line per subgraph load besides the lines above (LOG_LEVEL; observability/import-log.ts).
  const logger = await createLogger(loadObservabilityConfig(), 'import');
  for (const pkg of packages) {
    const orm = await openMigrated(pkg, serverUrl, log);
    const started = Date.now();
    try {
      const result = await importFolder(orm, pkg.importSpec, folder, { log, progress }).catch((error: unknown) => {
        logImport(logger, pkg.info.name, folder, Date.now() - started, error);
        throw error;
      });
      logImport(logger, pkg.info.name, folder, Date.now() - started, result);
      results.push(result);
      const counts = Object.entries(result.loaded).map(([f, n]) => `${f} ${n}`);
      log(`[${pkg.info.name}] ${counts.length ? `loaded ${counts.join(', ')}` : 'no files of this subgraph in the folder'} (${Date.now() - started} ms)`);
    } catch (error) {
      if (!(error instanceof LoadRejected)) throw error;
      rejected.push(error);
      log(`[${pkg.info.name}] load rejected, nothing changed:`);
      for (const p of error.problems) log(`  ${formatProblem(p)}`);
      if (error.truncated) log('  … more problems not shown');
    } finally {
      await orm.close();
    }
  }
  return { results, rejected };
}
