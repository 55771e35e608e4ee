import type { EntityManager } from '@mikro-orm/postgresql';
import { jsonParam, query } from '@tdg/kit/sql';

/** A key with an optional academic-year (or cohort) filter. */
export interface YearKey {
  readonly id: string;
  readonly year: number | null;
}
export const yearKey = (k: YearKey): string => `${k.id}|${k.year ?? ''}`;

/**
 * Row counts of a table per value of `keyColumn`, for every key at once, optionally of one year: one statement.
 * Table and column names are this module's constants, never user input.
 */
export async function countsBy(
  em: EntityManager,
  table: 'ect_induction' | 'npq_enrolment',
  keyColumn: 'hub_id' | 'school_urn',
  yearColumn: 'academic_year' | 'cohort',
  year: number | null,
  keys: readonly YearKey[],
): Promise<number[]> {
  const rows = await query<{ key: string; n: number }>(
    em,
    `select t.${keyColumn} as key, count(*)::int as n from ${table} t
     where t.${keyColumn} in (select jsonb_array_elements_text(?::jsonb))${year === null ? '' : ` and t.${yearColumn} = ?`}
     group by 1`,
    year === null ? [jsonParam(keys.map((k) => k.id))] : [jsonParam(keys.map((k) => k.id)), year],
  );
  const byKey = new Map(rows.map((r) => [r.key, r.n]));
  return keys.map((k) => byKey.get(k.id) ?? 0);
}
