import type { EntityManager } from '@mikro-orm/postgresql';
import { areaFiguresLoader } from '@tdg/kit/area';

export interface InductionFigures {
  readonly schoolsWithEcts: number;
  readonly ects: number;
}

export interface NpqFigures {
  readonly schoolsWithParticipants: number;
  readonly enrolments: number;
}

/**
 * Induction and NPQ figures over the schools of LAs and regions: one statement for every area of a request (per
 * distinct academic year or cohort), joining the handed-in (area, urn) pairs to the year's rows (an index-only scan of
 * `(academic_year, school_urn)` / `(cohort, school_urn)`), counted per (area, school) and then per area. `collate "C"`
 * keeps the join a hash join: a merge join would sort thousands of URNs under the database's collation.
 */
export const areaLoaders = (em: EntityManager) => ({
  inductionEngagement: areaFiguresLoader<{ k: number; schools: number; n: number }, InductionFigures>(
    em,
    `select k, count(*)::int as schools, sum(n)::int as n
     from (select s.k, s.urn, count(*) as n
           from unnest(?::int[], ?::text[]) as s(k, urn)
           join ect_induction i on i.school_urn = s.urn collate "C"
           where i.academic_year = ?
           group by s.k, s.urn) per_school
     group by k`,
    (r) => ({ schoolsWithEcts: r?.schools ?? 0, ects: r?.n ?? 0 }),
  ),

  npqEngagement: areaFiguresLoader<{ k: number; schools: number; n: number }, NpqFigures>(
    em,
    `select k, count(*)::int as schools, sum(n)::int as n
     from (select s.k, s.urn, count(*) as n
           from unnest(?::int[], ?::text[]) as s(k, urn)
           join npq_enrolment n on n.school_urn = s.urn collate "C"
           where n.cohort = ?
           group by s.k, s.urn) per_school
     group by k`,
    (r) => ({ schoolsWithParticipants: r?.schools ?? 0, enrolments: r?.n ?? 0 }),
  ),
});
