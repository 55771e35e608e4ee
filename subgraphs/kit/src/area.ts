import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { loaderByArgument } from './loaders.ts';
import { jsonParam, query } from './sql.ts';

/**
 * Local authorities and regions as the engagement subgraphs know them: by code. Only the local-authorities subgraph
 * knows which schools an area holds; the gateway hands their URNs in to a field that `@requires(fields: "schoolUrns")`.
 */
export interface AreaReference {
  readonly code: string;
  readonly schoolUrns?: readonly string[] | null;
}

export type LocalAuthorityReference = AreaReference;
export type RegionReference = AreaReference;

/** Kind of area, to tell LA and region keys apart in shared loaders. */
export type AreaKind = 'la' | 'region';

/** An area's representation as the gateway hands it (`__resolveReference`): its code and, when required, its school URNs. */
export const areaReference = (ref: AreaReference): AreaReference => ({ code: ref.code, schoolUrns: ref.schoolUrns ?? null });

/** An LA or region with the URNs of its schools (handed in by the gateway) and a year (an academic year, a cohort). */
export interface AreaYearKey {
  readonly kind: AreaKind;
  readonly code: string;
  readonly schoolUrns: readonly string[];
  readonly year: number;
}

const areaOf = (k: AreaYearKey): string => `${k.kind}:${k.code}`;

/**
 * A DataLoader of figures over the schools of LAs and regions: one statement per distinct year for every area of a
 * request, however many areas or schools. `sql` takes the (area, urn) pairs of every key, each pair once, as its first
 * parameter (`jsonb_to_recordset(?::jsonb) as s(k text, urn text)`) and the year as its second, and returns one row
 * per area `k` it found; `figures` makes an area's figures from its row (undefined when it found none). No statement
 * is run when no area has a school.
 */
export function areaFiguresLoader<Row extends { k: string }, Figures>(
  em: EntityManager,
  sql: string,
  figures: (row: Row | undefined) => Figures,
): DataLoader<AreaYearKey, Figures, unknown> {
  return loaderByArgument<AreaYearKey, Figures, number>(
    (k) => k.year,
    async (year, keys) => {
      const pairs = keys.flatMap((k) => [...new Set(k.schoolUrns)].map((urn) => ({ k: areaOf(k), urn })));
      const rows = pairs.length === 0 ? [] : await query<Row>(em, sql, [jsonParam(pairs), year]);
      const byArea = new Map(rows.map((r) => [r.k, r]));
      return keys.map((k) => figures(byArea.get(areaOf(k))));
    },
    (k) => `${areaOf(k)}|${k.year}`,
  );
}
