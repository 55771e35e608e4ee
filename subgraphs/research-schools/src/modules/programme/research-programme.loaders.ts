import type { EntityManager } from '@mikro-orm/postgresql';
import { groupBy, loaderByArgument, singleLoader } from '@tdg/kit/loaders';
import { jsonParam, query } from '@tdg/kit/sql';
import { ResearchProgramme } from './research-programme.entity.ts';
import { type YearKey, yearKey } from './year-key.ts';

/** Participation figures of one programme. */
export interface ResearchProgrammeFigures {
  readonly programmeId: string;
  readonly schools: number;
  readonly teachers: number;
}

/** Programmes by id and by research school (per academic year), and their figures: one statement per loader (and year) per request. */
export const researchProgrammeLoaders = (em: EntityManager) => ({
  researchProgrammeById: singleLoader<string, ResearchProgramme>((ids) => em.find(ResearchProgramme, { id: { $in: [...ids] } }), (p) => p.id),

  /** Programmes of each research school, optionally of one academic year, ordered by id. */
  researchProgrammesBySchool: loaderByArgument<YearKey, ResearchProgramme[], number | null>(
    (k) => k.academicYear,
    async (year, keys) => {
      const rows = await em.find(
        ResearchProgramme,
        { researchSchool: { $in: keys.map((k) => k.id) }, ...(year === null ? {} : { academicYear: year }) },
        { orderBy: { id: 'asc' } },
      );
      const groups = groupBy(rows, (p) => p.researchSchool.id);
      return keys.map((k) => groups.get(k.id) ?? []);
    },
    yearKey,
  ),

  /** Participating schools and teachers per programme (null when none take part). */
  researchProgrammeFigures: singleLoader<string, ResearchProgrammeFigures>(
    async (ids) =>
      (
        await query<{ programme_id: string; schools: number; teachers: number }>(
          em,
          `select p.programme_id, count(*)::int as schools, coalesce(sum(p.teachers), 0)::int as teachers
           from research_participation p
           where p.programme_id in (select jsonb_array_elements_text(?::jsonb))
           group by p.programme_id`,
          [jsonParam(ids)],
        )
      ).map((r) => ({ programmeId: r.programme_id, schools: r.schools, teachers: r.teachers })),
    (f) => f.programmeId,
  ),
});
