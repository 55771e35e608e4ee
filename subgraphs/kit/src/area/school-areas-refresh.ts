import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { recordAudit } from '../audit/record.ts';
import type { Identity } from '../auth/identity.ts';
import { readCsvContent } from '../load/read-csv.ts';
import { formatProblem } from '../load/spec.ts';
import { SCHOOL_AREAS_CSV, SCHOOL_AREAS_FILE, replaceSchoolAreas } from './school-area.ts';

/** Who the refresh is, in the subgraph's audit trail (a bulk load, seen by administrators). */
export const SCHOOL_AREAS_REFRESH_OPERATOR: Identity = { subject: 'service:school-areas-refresh', organisation: null, roles: ['ADMIN'], regionScope: null };

export interface SchoolAreasRefreshOptions {
  /** Where the register's lookup is published: the local-authorities subgraph's `GET /reference/school-areas.csv`. */
  readonly url: string;
  /** Seconds between two refreshes (SCHOOL_AREAS_REFRESH_SECONDS). */
  readonly refreshSeconds: number;
  /** A line for the log (a failed refresh keeps the table and says why). */
  readonly log?: (line: string) => void;
  /** How long one fetch may take, in ms (default 10 s). */
  readonly timeoutMs?: number;
}

/** What one refresh did. */
export type RefreshOutcome = 'replaced' | 'unchanged' | 'failed';

export interface SchoolAreasRefresh {
  /** Fetches now (If-None-Match the last ETag) and replaces the table when the lookup changed. */
  refresh(): Promise<RefreshOutcome>;
  /** The ETag of the lookup the table holds (null before the first replace). */
  etag(): string | null;
  stop(): void;
}

/**
 * Keeps a subgraph's `school_area` table in step with the register: fetches the lookup the local-authorities subgraph
 * publishes (`urn,la_code` CSV, public), with `If-None-Match` the ETag of the last one loaded, and when it changed
 * checks it with the `school-areas.csv` spec and replaces the whole table in one transaction, recorded in the audit
 * trail (so the subgraph's data version, and the gateway's response cache, move with it); a new version with the same
 * content (the register changed elsewhere) replaces nothing. A fetch that fails or a file
 * that does not check keeps the table as it is and is tried again at the next tick. The first refresh runs at once
 * (`started` settles with it), then every `refreshSeconds`; a failed one is retried sooner (within 5 s).
 */
export function startSchoolAreasRefresh(orm: MikroORM, options: SchoolAreasRefreshOptions): SchoolAreasRefresh & { readonly started: Promise<RefreshOutcome> } {
  const log = options.log ?? (() => undefined);
  let etag: string | null = null;
  let digest: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<RefreshOutcome> | null = null;

  const once = async (): Promise<RefreshOutcome> => {
    try {
      const response = await fetch(options.url, {
        headers: etag ? { 'if-none-match': etag } : {},
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      if (response.status === 304) return 'unchanged';
      if (!response.ok) throw new Error(`${options.url} answered ${response.status}`);
      const content = Buffer.from(await response.arrayBuffer());
      // A new version of the register with the same lookup (another column changed): nothing to replace.
      const sha = createHash('sha256').update(content).digest('hex');
      if (sha === digest) {
        etag = response.headers.get('etag');
        return 'unchanged';
      }
      const read = readCsvContent(content, SCHOOL_AREAS_FILE);
      if (read.problems.length > 0) {
        throw new Error(`${options.url}: ${read.problems.length} problem(s), the table is kept: ${read.problems.slice(0, 5).map(formatProblem).join('; ')}`);
      }
      const areas = read.rows.map((r) => ({ urn: String(r.values.urn), laCode: String(r.values.la_code) }));
      await orm.em.fork().transactional(async (tx) => {
        await replaceSchoolAreas(tx, areas);
        recordAudit(tx, SCHOOL_AREAS_REFRESH_OPERATOR, 'IMPORT', {
          operation: 'import',
          entityType: SCHOOL_AREAS_CSV,
          entityId: options.url,
          organisation: null,
          before: null,
          after: { rows: areas.length, etag: response.headers.get('etag') },
        });
      });
      etag = response.headers.get('etag');
      digest = sha;
      log(`school areas: ${areas.length} schools from ${options.url}`);
      return 'replaced';
    } catch (error) {
      log(`school areas: refresh from ${options.url} failed, the table is kept: ${(error as Error).message}`);
      return 'failed';
    }
  };

  const refresh = (): Promise<RefreshOutcome> => {
    running ??= once().finally(() => {
      running = null;
    });
    return running;
  };

  const schedule = (outcome: RefreshOutcome) => {
    if (stopped) return;
    const seconds = outcome === 'failed' ? Math.min(options.refreshSeconds, 5) : options.refreshSeconds;
    timer = setTimeout(() => void refresh().then(schedule), seconds * 1000);
    timer.unref();
  };

  const started = refresh();
  void started.then(schedule);
  return {
    started,
    refresh,
    etag: () => etag,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
