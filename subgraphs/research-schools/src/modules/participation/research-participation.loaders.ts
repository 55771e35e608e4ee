import type { EntityManager } from '@mikro-orm/postgresql';
import { AREA_FILTER, AREA_GROUPING, type AreaRow, areaFiguresLoader } from '@tdg/kit/area';
import { groupBy, groupedLoader, loaderByArgument } from '@tdg/kit/loaders';
import { jsonParam, query } from '@tdg/kit/sql';
import type { ResearchEngagement } from '../../generated/resolvers-types.ts';
import { type YearKey, yearKey } from '../programme/year-key.ts';
import { ResearchParticipation } from './research-participation.entity.ts';

/** Programme condition for an optional academic year. */
const inYear = (year: number | null) => (year === null ? {} : { programme: { academicYear: year } });

const NO_ENGAGEMENT: ResearchEngagement = { schoolsParticipating: 0, participations: 0, teachers: 0 };

/**
 * Participations by programme and by school, and participation figures over sets of schools handed in by the gateway:
 * one statement per loader (and academic year) per request, however many schools or representations.
 */
export const researchParticipationLoaders = (em: EntityManager) => ({
  /** Participations of each programme, ordered by URN. */
  researchParticipationsByProgramme: groupedLoader<string, ResearchParticipation>(
    (ids) => em.find(ResearchParticipation, { programme: { $in: [...ids] } }, { orderBy: { urn: 'asc' } }),
    (p) => p.programme.id,
  ),

  /** Participations of each school, optionally in programmes of one academic year, ordered by year and programme. */
  researchParticipationsByUrn: loaderByArgument<YearKey, ResearchParticipation[], number | null>(
    (k) => k.academicYear,
    async (year, keys) => {
      const rows = await em.find(
        ResearchParticipation,
        { urn: { $in: keys.map((k) => k.id) }, ...inYear(year) },
        { populate: ['programme'], orderBy: [{ programme: { academicYear: 'asc' } }, { programme: { id: 'asc' } }] },
      );
      const groups = groupBy(rows, (p) => p.urn);
      return keys.map((k) => groups.get(k.id) ?? []);
    },
    yearKey,
  ),

  /** Number of research programmes each school takes part in, optionally of one academic year. */
  researchProgrammeCountByUrn: loaderByArgument<YearKey, number, number | null>(
    (k) => k.academicYear,
    async (year, keys) => {
      const rows = await query<{ urn: string; n: number }>(
        em,
        `select p.urn, count(*)::int as n
         from research_participation p join research_programme g on g.id = p.programme_id
         where p.urn in (select jsonb_array_elements_text(?::jsonb)) and (?::int is null or g.academic_year = ?::int)
         group by p.urn`,
        [jsonParam(keys.map((k) => k.id)), year, year],
      );
      const byUrn = new Map(rows.map((r) => [r.urn, r.n]));
      return keys.map((k) => byUrn.get(k.id) ?? 0);
    },
    yearKey,
  ),

  /**
   * Participation over each LA's or region's schools in an academic year: one statement for all of them per year (the
   * kit's `areaFiguresLoader`), the year's participations (reached from its programmes, which are few:
   * `research_participation` is keyed by programme, then URN) joined to the subgraph's own `school_area` lookup (the
   * register's URN → LA), counted per school and then per LA and per region.
   */
  researchEngagementByScope: areaFiguresLoader<AreaRow & { schools: number; participations: number; teachers: number }, ResearchEngagement>(
    em,
    `select a.la_code, a.region_code, count(*)::int as schools, sum(a.n)::int as participations, coalesce(sum(a.teachers), 0)::int as teachers
     from (select a.urn, a.la_code, a.region_code, count(*) as n, sum(p.teachers) as teachers
           from school_area a
           join research_participation p on p.urn = a.urn
           join research_programme g on g.id = p.programme_id
           where ${AREA_FILTER} and g.academic_year = ?
           group by a.urn) a
     group by ${AREA_GROUPING}`,
    (r) => (r ? { schoolsParticipating: r.schools, participations: r.participations, teachers: r.teachers } : NO_ENGAGEMENT),
  ),
});
