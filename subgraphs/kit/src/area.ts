import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { loaderByArgument } from './loaders.ts';
import { intArrayParam, query, textArrayParam } from './sql.ts';

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
 * two parameters — the area as its index in the batch (an int) and the URN — to be read with
 * `unnest(?::int[], ?::text[]) as s(k, urn)`, and the year as its third; it returns one row per area index `k` it
 * found; `figures` makes an area's figures from its row (undefined when it found none). No statement is run when no
 * area has a school.
 *
 * The pairs are distinct within an area, so "schools of the area with at least one record" can be counted as groups of
 * `(s.k, s.urn)` (a hash aggregate) rather than with `count(distinct …)` (a sort per area).
 */
export function areaFiguresLoader<Row extends { k: number }, Figures>(
  em: EntityManager,
  sql: string,
  figures: (row: Row | undefined) => Figures,
): DataLoader<AreaYearKey, Figures, unknown> {
  return loaderByArgument<AreaYearKey, Figures, number>(
    (k) => k.year,
    async (year, keys) => {
      const areas: number[] = [];
      const urns: string[] = [];
      keys.forEach((key, i) => {
        for (const urn of new Set(key.schoolUrns)) {
          areas.push(i);
          urns.push(urn);
        }
      });
      const rows = urns.length === 0 ? [] : await query<Row>(em, sql, [intArrayParam(areas), textArrayParam(urns), year]);
      const byArea = new Map(rows.map((r) => [Number(r.k), r]));
      return keys.map((_, i) => figures(byArea.get(i)));
    },
    (k) => `${areaOf(k)}|${k.year}`,
  );
}
