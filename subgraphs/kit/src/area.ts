import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { assertAcademicYear } from './errors.ts';
import { loaderByArgument } from './loaders.ts';
import { query, textArrayParam } from './sql.ts';

export {
  applySchoolAreas,
  loadsSchoolAreas,
  replaceSchoolAreas,
  SCHOOL_AREA_TABLE_SQL,
  SCHOOL_AREAS_CSV,
  SCHOOL_AREAS_FILE,
  SCHOOL_AREAS_PATH,
  SchoolArea,
  SchoolAreaSchema,
  withSchoolAreas,
} from './area/school-area.ts';

/**
 * Local authorities and regions as the engagement subgraphs know them: by code. Which schools an area holds comes from
 * the subgraph's own `school_area` table (the public URN → LA lookup, `area/school-area.ts`), not from the gateway.
 */
export interface AreaReference {
  readonly code: string;
}

export type LocalAuthorityReference = AreaReference;
export type RegionReference = AreaReference;

/** Kind of area, to tell LA and region keys apart in shared loaders. */
export type AreaKind = 'la' | 'region';

/** An area's representation as the gateway hands it (`__resolveReference`): its code. */
export const areaReference = (ref: AreaReference): AreaReference => ({ code: ref.code });

/** An LA or region, by code, and a year (an academic year, a cohort). */
export interface AreaYearKey {
  readonly kind: AreaKind;
  readonly code: string;
  readonly year: number;
}

/**
 * The condition that selects the `school_area a` rows of the request's areas, to put in a statement's `where`: its two
 * parameters are the LA codes and the region codes (`?::text[]` each, either may be empty), read by the indexes on
 * `school_area (la_code)` and `(region_code)` (a BitmapOr).
 */
export const AREA_FILTER = '(a.la_code = any(?::text[]) or a.region_code = any(?::text[]))';

/** The grouping that makes one row per LA and one per region of the selected schools (`group by ${AREA_GROUPING}`). */
export const AREA_GROUPING = 'grouping sets ((a.la_code), (a.region_code))';

/** A row of an area statement: the LA's code (region_code null) or the region's (la_code null), then its figures. */
export interface AreaRow {
  readonly la_code: string | null;
  readonly region_code: string | null;
}

/**
 * A DataLoader of figures over the schools of LAs and regions: one statement per distinct year for every LA and region
 * key of a request together. `sql` joins the subgraph's records to `school_area a` on the URN, selects
 * `a.la_code, a.region_code` and the figures, filters with `AREA_FILTER` (its two parameters, LA codes then region
 * codes, come first) and the year (the third parameter), and groups by `AREA_GROUPING`: e.g.
 *
 * ```sql
 * select a.la_code, a.region_code, count(distinct p.urn)::int as schools
 * from placement p join school_area a on a.urn = p.urn join trainee t on t.id = p.trainee_id
 * where ${AREA_FILTER} and t.academic_year = ?
 * group by ${AREA_GROUPING}
 * ```
 *
 * An LA group holds every school of a requested LA, a region group every school of a requested region (groups of areas
 * not asked for, partial, are ignored). A URN with records but not in `school_area` (not in the register) counts in no
 * area. `figures` makes an area's figures from its row (undefined when it has none).
 */
export function areaFiguresLoader<Row extends AreaRow, Figures>(
  em: EntityManager,
  sql: string,
  figures: (row: Row | undefined) => Figures,
): DataLoader<AreaYearKey, Figures, unknown> {
  return loaderByArgument<AreaYearKey, Figures, number>(
    (k) => k.year,
    async (year, keys) => {
      const las = [...new Set(keys.filter((k) => k.kind === 'la').map((k) => k.code))];
      const regions = [...new Set(keys.filter((k) => k.kind === 'region').map((k) => k.code))];
      const rows = await query<Row>(em, sql, [textArrayParam(las), textArrayParam(regions), year]);
      const byLa = new Map<string, Row>();
      const byRegion = new Map<string, Row>();
      for (const r of rows) {
        if (r.la_code !== null) byLa.set(r.la_code, r);
        else if (r.region_code !== null) byRegion.set(r.region_code, r);
      }
      return keys.map((k) => figures((k.kind === 'la' ? byLa : byRegion).get(k.code)));
    },
    (k) => `${k.kind}:${k.code}|${k.year}`,
  );
}

/**
 * An area's figures for a year, as a resolver of `LocalAuthority` or `Region` gives them: the year checked
 * (`BAD_USER_INPUT` naming `argument`), then the area's key on the request's `areaFiguresLoader`.
 */
export function loadAreaFigures<Figures>(
  loader: DataLoader<AreaYearKey, Figures, unknown>,
  kind: AreaKind,
  area: AreaReference,
  year: number,
  argument = 'academicYear',
): Promise<Figures> {
  assertAcademicYear(year, argument);
  return loader.load({ kind, code: area.code, year });
}
