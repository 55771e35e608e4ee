import type { ImportResult } from '../load/import-folder.ts';
import { LoadRejected } from '../load/import-folder.ts';
import type { Logger } from './logger.ts';

/**
 * One JSON line per subgraph load (`msg: "import"`): the subgraph, the folder, each file's rows and times, the rows in
 * all, the duration and the outcome (`loaded`, `rejected` with the number of problems, or `failed` with the error's
 * class). Never a problem's text or an error's message: they quote cells, which may be TRNs.
 */
export function logImport(logger: Logger, subgraph: string, folder: string, durationMs: number, outcome: ImportResult | unknown): void {
  const base = { subgraph, folder, durationMs: Math.round(durationMs) };
  if (outcome instanceof LoadRejected) {
    logger.warn({ ...base, outcome: 'rejected', problems: outcome.problems.length, truncated: outcome.truncated }, 'import');
  } else if (outcome instanceof Error || !isResult(outcome)) {
    logger.error({ ...base, outcome: 'failed', error: (outcome as { name?: string } | null)?.name ?? typeof outcome }, 'import');
  } else {
    const files = Object.fromEntries(Object.entries(outcome.loaded).map(([file, rows]) => [file, { rows, ...(outcome.timings?.[file] ?? {}) }]));
    const rows = Object.values(outcome.loaded).reduce((n, r) => n + r, 0);
    logger.info({ ...base, outcome: 'loaded', rows, files, warnings: outcome.warnings.length }, 'import');
  }
}

const isResult = (value: unknown): value is ImportResult => typeof value === 'object' && value !== null && 'loaded' in value;
