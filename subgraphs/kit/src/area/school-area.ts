import { defineEntity, p } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { FieldError, type FieldParser, urn } from '../load/fields.ts';
import type { FileSpec, ImportSpec, ParsedRow } from '../load/spec.ts';
import { sourceOf, upsertRows, valuesOf } from '../load/write.ts';
import { isKnownLaCode, regionOfLa } from '../reference.ts';

/**
 * The public URN → LA lookup an engagement subgraph keeps in its own database (`school_area`): the local authority of
 * every school of the register, and the LA's region (derived from the LA code with the kit's LA → region reference).
 * It is public reference data (GIAS publishes it), like the LA → region list: a subgraph keeps these two columns of the
 * register, never its other columns, and aggregates its own records over an LA or region by joining to it
 * (`areaFiguresLoader`) instead of receiving the area's school URNs from the gateway.
 */
export const SchoolAreaSchema = defineEntity({
  name: 'SchoolArea',
  tableName: 'school_area',
  indexes: [{ properties: ['laCode'] }, { properties: ['regionCode'] }],
  properties: {
    urn: p.text().primary(),
    laCode: p.text(),
    regionCode: p.text(),
  },
});
export class SchoolArea extends SchoolAreaSchema.class {}
SchoolAreaSchema.setClass(SchoolArea);

/**
 * The statements that create the `school_area` table (the SQL MikroORM writes for the entity above), for the migration
 * of a subgraph that aggregates over areas: `this.addSql(…)` each.
 */
export const SCHOOL_AREA_TABLE_SQL: readonly string[] = [
  `create table "school_area" ("urn" text not null, "la_code" text not null, "region_code" text not null, primary key ("urn"));`,
  `create index "school_area_la_code_index" on "school_area" ("la_code");`,
  `create index "school_area_region_code_index" on "school_area" ("region_code");`,
];

/** The file of the lookup in a load folder. */
export const SCHOOL_AREAS_CSV = 'school-areas.csv';

/** Where the local-authorities subgraph publishes the lookup (public, unsigned): `<its origin>${SCHOOL_AREAS_PATH}`. */
export const SCHOOL_AREAS_PATH = '/reference/school-areas.csv';

/** An LA code of the kit's reference list (153 DfE codes). */
const knownLaCode: FieldParser<string> = (cell) => {
  const code = cell.trim();
  if (!isKnownLaCode(code)) throw new FieldError(`unknown LA code "${cell}" (not one of the 153 LA codes of the reference list)`);
  return code;
};

/**
 * `school-areas.csv` (`urn*, la_code*`): every school of the register and its LA, as the local-authorities subgraph
 * publishes it. The file is optional in a folder (a folder without it keeps the table as it is); a folder with it
 * replaces the whole table (a reference extract: a school missing from it is no longer in any area).
 */
export const SCHOOL_AREAS_FILE: FileSpec = {
  file: SCHOOL_AREAS_CSV,
  key: ['urn'],
  columns: [
    { header: 'urn', required: true, parse: urn },
    { header: 'la_code', required: true, parse: knownLaCode },
  ],
};

/** Replaces the whole `school_area` table with these (urn, LA) pairs, region derived from the LA; in the caller's transaction. */
export async function replaceSchoolAreas(
  em: EntityManager,
  areas: readonly { readonly urn: string; readonly laCode: string }[],
  source?: { file: string; lines: readonly number[] },
): Promise<void> {
  await em.getConnection().execute('delete from school_area', [], 'run', em.getTransactionContext());
  await upsertRows(
    em,
    SchoolArea,
    areas.map((a) => ({ urn: a.urn, laCode: a.laCode, regionCode: regionOfLa(a.laCode) ?? '' })),
    { label: 'school areas', source },
  );
}

/** Loads `school-areas.csv` when the load has it (replacing the table); does nothing otherwise. */
export async function applySchoolAreas(em: EntityManager, rows: ReadonlyMap<string, ParsedRow[]>): Promise<void> {
  if (!rows.has(SCHOOL_AREAS_CSV)) return;
  const areas = valuesOf(rows, SCHOOL_AREAS_CSV).map((r) => ({ urn: String(r.urn), laCode: String(r.la_code) }));
  await replaceSchoolAreas(em, areas, sourceOf(rows, SCHOOL_AREAS_CSV));
}

/**
 * A subgraph's import spec with `school-areas.csv` added: its files, then the lookup (optional in a folder; when
 * present it replaces the whole table in the same transaction as the subgraph's own rows).
 */
export function withSchoolAreas(spec: ImportSpec): ImportSpec {
  return {
    ...spec,
    files: [...spec.files, SCHOOL_AREAS_FILE],
    apply: async (em, rows, progress) => {
      await spec.apply(em, rows, progress);
      await applySchoolAreas(em, rows);
    },
  };
}

/** Whether an import spec loads `school-areas.csv` (the demo generator writes the file for those that do). */
export const loadsSchoolAreas = (spec: ImportSpec): boolean => spec.files.some((f) => f.file === SCHOOL_AREAS_CSV);
