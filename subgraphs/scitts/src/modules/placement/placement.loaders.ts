import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { groupBy, groupedLoader, loaderByArgument } from '@tdg/kit/loaders';
import { jsonParam, query } from '@tdg/kit/sql';
import { Placement } from './placement.entity.ts';

/** A school, with an optional academic year of the trainees placed there. */
export interface UrnYear {
  readonly urn: string;
  readonly academicYear: number | null;
}
const urnYearKey = (k: UrnYear) => `${k.urn}|${k.academicYear ?? ''}`;

const ORDER = { orderBy: { startedOn: 'asc', id: 'asc' } } as const;

/** Placements by trainee and by school: one statement per loader (per academic year) per request. */
export const placementLoaders = (em: EntityManager) => ({
  /** A trainee's placements, ordered by start. */
  placementsByTrainee: groupedLoader<string, Placement>(
    (ids) => em.find(Placement, { trainee: { $in: [...ids] } }, ORDER),
    (p) => p.trainee.id,
  ),

  /** Placements a school hosts, optionally only of trainees of one academic year, ordered by start. */
  placementsByUrn: loaderByArgument<UrnYear, Placement[], number | null>(
    (k) => k.academicYear,
    async (year, keys) => {
      const where: FilterQuery<Placement> = { urn: { $in: keys.map((k) => k.urn) } };
      if (year !== null) where.trainee = { academicYear: year };
      const groups = groupBy(await em.find(Placement, where, ORDER), (p) => p.urn);
      return keys.map((k) => groups.get(k.urn) ?? []);
    },
    urnYearKey,
  ),

  /** Number of placements a school hosts, optionally only of trainees of one academic year. */
  placementCountByUrn: loaderByArgument<UrnYear, number, number | null>(
    (k) => k.academicYear,
    async (year, keys) => {
      const urns = jsonParam(keys.map((k) => k.urn));
      const rows =
        year === null
          ? await query<{ urn: string; n: number }>(
              em,
              `select p.urn, count(*)::int as n from placement p
               where p.urn in (select jsonb_array_elements_text(?::jsonb)) group by p.urn`,
              [urns],
            )
          : await query<{ urn: string; n: number }>(
              em,
              `select p.urn, count(*)::int as n from placement p join trainee t on t.id = p.trainee_id
               where p.urn in (select jsonb_array_elements_text(?::jsonb)) and t.academic_year = ? group by p.urn`,
              [urns, year],
            );
      const byUrn = new Map(rows.map((r) => [r.urn, r.n]));
      return keys.map((k) => byUrn.get(k.urn) ?? 0);
    },
    urnYearKey,
  ),
});
