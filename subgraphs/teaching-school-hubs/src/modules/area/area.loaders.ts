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
/** Schools with at least one row of `table` (its school's URN in `urnColumn`) in the year (`yearColumn`), and the rows. */
const schoolsAndRows = (table: string, urnColumn: string, yearColumn: string) =>
  `select a.la_code, a.region_code, count(*)::int as schools, sum(a.n)::int as n
   from (select a.urn, a.la_code, a.region_code, count(*) as n
         from school_area a
         join ${table} t on t.${urnColumn} = a.urn
         where ${AREA_FILTER} and t.${yearColumn} = ?
         group by a.urn) a
   group by ${AREA_GROUPING}`;

type Counts = AreaRow & { schools: number; n: number };

export const areaLoaders = (em: EntityManager) => ({
  inductionEngagement: areaFiguresLoader<Counts, InductionFigures>(em, schoolsAndRows('ect_induction', 'school_urn', 'academic_year'), (r) => ({
    schoolsWithEcts: r?.schools ?? 0,
    ects: r?.n ?? 0,
  })),
  npqEngagement: areaFiguresLoader<Counts, NpqFigures>(em, schoolsAndRows('npq_enrolment', 'school_urn', 'cohort'), (r) => ({
    schoolsWithParticipants: r?.schools ?? 0,
    enrolments: r?.n ?? 0,
  })),
});
