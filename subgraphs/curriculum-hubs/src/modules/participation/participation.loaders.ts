import type { EntityManager } from '@mikro-orm/postgresql';
import { AREA_FILTER, AREA_GROUPING, type AreaRow, areaFiguresLoader } from '@tdg/kit/area';
import { engagedCandidatesLoader } from '@tdg/kit/cold-spot-report';
import { groupBy, groupedLoader, loaderByArgument } from '@tdg/kit/loaders';
import { jsonParam, query } from '@tdg/kit/sql';
import type { HubEngagement } from '../../generated/resolvers-types.ts';
import { type YearKey, yearKey } from '../programme/year-key.ts';
import { Participation } from './participation.entity.ts';

/** Programme condition for an optional academic year. */
const inYear = (year: number | null) => (year === null ? {} : { programme: { academicYear: year } });

const NO_ENGAGEMENT: HubEngagement = { schoolsParticipating: 0, participations: 0, teachers: 0 };

/**
 * Participations by programme and by school, and participation figures over sets of schools handed in by the gateway:
 * one statement per loader (and academic year) per request, however many schools or representations.
 */
export const participationLoaders = (em: EntityManager) => ({
  /** Participations of each programme, ordered by URN. */
  participationsByProgramme: groupedLoader<string, Participation>(
    (ids) => em.find(Participation, { programme: { $in: [...ids] } }, { orderBy: { urn: 'asc' } }),
    (p) => p.programme.id,
  ),

  /** Participations of each school, optionally in programmes of one academic year, ordered by year and programme. */
  participationsByUrn: loaderByArgument<YearKey, Participation[], number | null>(
    (k) => k.academicYear,
    async (year, keys) => {
      const rows = await em.find(
        Participation,
        { urn: { $in: keys.map((k) => k.id) }, ...inYear(year) },
        { populate: ['programme'], orderBy: [{ programme: { academicYear: 'asc' } }, { programme: { id: 'asc' } }] },
      );
      const groups = groupBy(rows, (p) => p.urn);
      return keys.map((k) => groups.get(k.id) ?? []);
    },
    yearKey,
  ),

  /** Number of programmes each school takes part in, optionally of one academic year. */
  programmeCountByUrn: loaderByArgument<YearKey, number, number | null>(
    (k) => k.academicYear,
    async (year, keys) => {
      const rows = await query<{ urn: string; n: number }>(
        em,
        `select p.urn, count(*)::int as n
         from participation p
         where p.urn in (select jsonb_array_elements_text(?::jsonb)) and (?::int is null or p.academic_year = ?::int)
         group by p.urn`,
        [jsonParam(keys.map((k) => k.id)), year, year],
      );
      const byUrn = new Map(rows.map((r) => [r.urn, r.n]));
      return keys.map((k) => byUrn.get(k.id) ?? 0);
    },
    yearKey,
  ),

  /**
   * Participation over each LA's or region's schools in an academic year: one statement for all of them per year, the
   * year's participations (the `(academic_year, urn) include (teachers)` index: the year is the participation's copy of
   * its programme's, kept by the database) joined to the subgraph's own `school_area` lookup (the register's URN → LA),
   * counted per school and then per LA and per region.
   */
  engagementByScope: areaFiguresLoader<AreaRow & { schools: number; participations: number; teachers: number }, HubEngagement>(
    em,
    `select a.la_code, a.region_code, count(*)::int as schools, sum(a.n)::int as participations, coalesce(sum(a.teachers), 0)::int as teachers
     from (select a.urn, a.la_code, a.region_code, count(*) as n, sum(p.teachers) as teachers
           from school_area a
           join participation p on p.urn = a.urn
           where ${AREA_FILTER} and p.academic_year = ?
           group by a.urn) a
     group by ${AREA_GROUPING}`,
    (r) => (r ? { schoolsParticipating: r.schools, participations: r.participations, teachers: r.teachers } : NO_ENGAGEMENT),
  ),

  /** Of each report's candidates, those in a programme of an academic year within its span (the participation's copy of it). */
  engagedUrnsBySpan: engagedCandidatesLoader(em, `select p.urn, p.academic_year as year from participation p`),
});
