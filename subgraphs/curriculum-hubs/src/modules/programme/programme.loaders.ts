import type { EntityManager } from '@mikro-orm/postgresql';
import { groupBy, loaderByArgument, singleLoader } from '@tdg/kit/loaders';
import { jsonParam, query } from '@tdg/kit/sql';
import { Programme } from './programme.entity.ts';
import { type YearKey, yearKey } from './year-key.ts';

/** Participation figures of one programme. */
export interface ProgrammeFigures {
  readonly programmeId: string;
  readonly schools: number;
  readonly teachers: number;
}

/** Programmes by id and by hub (per academic year), and their figures: one statement per loader (and year) per request. */
export const programmeLoaders = (em: EntityManager) => ({
  programmeById: singleLoader<string, Programme>((ids) => em.find(Programme, { id: { $in: [...ids] } }), (p) => p.id),

  /** Programmes of each hub, optionally of one academic year, ordered by id. */
  programmesByHub: loaderByArgument<YearKey, Programme[], number | null>(
    (k) => k.academicYear,
    async (year, keys) => {
      const rows = await em.find(
        Programme,
        { hub: { $in: keys.map((k) => k.id) }, ...(year === null ? {} : { academicYear: year }) },
        { orderBy: { id: 'asc' } },
      );
      const groups = groupBy(rows, (p) => p.hub.id);
      return keys.map((k) => groups.get(k.id) ?? []);
    },
    yearKey,
  ),

  /** Participating schools and teachers per programme (null when none take part). */
  programmeFigures: singleLoader<string, ProgrammeFigures>(
    async (ids) =>
      (
        await query<{ programme_id: string; schools: number; teachers: number }>(
          em,
          `select p.programme_id, count(*)::int as schools, coalesce(sum(p.teachers), 0)::int as teachers
           from participation p
           where p.programme_id in (select jsonb_array_elements_text(?::jsonb))
           group by p.programme_id`,
          [jsonParam(ids)],
        )
      ).map((r) => ({ programmeId: r.programme_id, schools: r.schools, teachers: r.teachers })),
    (f) => f.programmeId,
  ),
});
