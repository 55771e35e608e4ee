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
 * distinct academic year or cohort), joining the handed-in (area, urn) pairs to the table.
 */
export const areaLoaders = (em: EntityManager) => ({
  inductionEngagement: areaFiguresLoader<{ k: string; schools: number; n: number }, InductionFigures>(
    em,
    `select s.k, count(distinct i.school_urn)::int as schools, count(*)::int as n
     from jsonb_to_recordset(?::jsonb) as s(k text, urn text)
     join ect_induction i on i.school_urn = s.urn
     where i.academic_year = ?
     group by s.k`,
    (r) => ({ schoolsWithEcts: r?.schools ?? 0, ects: r?.n ?? 0 }),
  ),

  npqEngagement: areaFiguresLoader<{ k: string; schools: number; n: number }, NpqFigures>(
    em,
    `select s.k, count(distinct n.school_urn)::int as schools, count(*)::int as n
     from jsonb_to_recordset(?::jsonb) as s(k text, urn text)
     join npq_enrolment n on n.school_urn = s.urn
     where n.cohort = ?
     group by s.k`,
    (r) => ({ schoolsWithParticipants: r?.schools ?? 0, enrolments: r?.n ?? 0 }),
  ),
});
