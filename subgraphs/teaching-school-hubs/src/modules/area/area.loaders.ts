import type { EntityManager } from '@mikro-orm/postgresql';
import { AREA_FILTER, AREA_GROUPING, type AreaRow, areaFiguresLoader } from '@tdg/kit/area';

export interface InductionFigures {
  readonly schoolsWithEcts: number;
  readonly ects: number;
}

export interface NpqFigures {
  readonly schoolsWithParticipants: number;
  readonly enrolments: number;
}

/**
 * Induction and NPQ figures over the schools of LAs and regions: one statement for every LA and region of a request
 * (per distinct academic year or cohort), the year's rows joined to the subgraph's own `school_area` lookup (the
 * register's URN → LA), counted per school and then per LA and per region.
 */
export const areaLoaders = (em: EntityManager) => ({
  inductionEngagement: areaFiguresLoader<AreaRow & { schools: number; n: number }, InductionFigures>(
    em,
    `select a.la_code, a.region_code, count(*)::int as schools, sum(a.n)::int as n
     from (select a.urn, a.la_code, a.region_code, count(*) as n
           from school_area a
           join ect_induction i on i.school_urn = a.urn
           where ${AREA_FILTER} and i.academic_year = ?
           group by a.urn) a
     group by ${AREA_GROUPING}`,
    (r) => ({ schoolsWithEcts: r?.schools ?? 0, ects: r?.n ?? 0 }),
  ),

  npqEngagement: areaFiguresLoader<AreaRow & { schools: number; n: number }, NpqFigures>(
    em,
    `select a.la_code, a.region_code, count(*)::int as schools, sum(a.n)::int as n
     from (select a.urn, a.la_code, a.region_code, count(*) as n
           from school_area a
           join npq_enrolment n on n.school_urn = a.urn
           where ${AREA_FILTER} and n.cohort = ?
           group by a.urn) a
     group by ${AREA_GROUPING}`,
    (r) => ({ schoolsWithParticipants: r?.schools ?? 0, enrolments: r?.n ?? 0 }),
  ),
});
