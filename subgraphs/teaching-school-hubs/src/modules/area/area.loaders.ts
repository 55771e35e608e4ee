import type { EntityManager } from '@mikro-orm/postgresql';
import { loaderByArgument } from '@tdg/kit/loaders';
import { jsonParam, query } from '@tdg/kit/sql';
import type { AreaKind } from './area.ts';

/** An LA or region with the URNs of its schools (handed in by the gateway) and a year. */
export interface AreaYearKey {
  readonly kind: AreaKind;
  readonly code: string;
  readonly schoolUrns: readonly string[];
  readonly year: number;
}

export interface InductionFigures {
  readonly schoolsWithEcts: number;
  readonly ects: number;
}

export interface NpqFigures {
  readonly schoolsWithParticipants: number;
  readonly enrolments: number;
}

const areaKey = (k: AreaYearKey) => `${k.kind}:${k.code}`;

/** (area, urn) pairs of every key as one JSON parameter for `jsonb_to_recordset(?::jsonb) as s(k text, urn text)`. */
const pairs = (keys: readonly AreaYearKey[]) => jsonParam(keys.flatMap((k) => k.schoolUrns.map((urn) => ({ k: areaKey(k), urn }))));

/**
 * Induction and NPQ figures over the schools of LAs and regions: one statement for every area of a request (per
 * distinct academic year or cohort), joining the handed-in (area, urn) pairs to the table.
 */
export const areaLoaders = (em: EntityManager) => ({
  inductionEngagement: loaderByArgument<AreaYearKey, InductionFigures, number>(
    (k) => k.year,
    async (year, keys) => {
      const rows = await query<{ k: string; schools: number; n: number }>(
        em,
        `select s.k, count(distinct i.school_urn)::int as schools, count(*)::int as n
         from (select distinct k, urn from jsonb_to_recordset(?::jsonb) as r(k text, urn text)) s
         join ect_induction i on i.school_urn = s.urn
         where i.academic_year = ?
         group by s.k`,
        [pairs(keys), year],
      );
      const byKey = new Map(rows.map((r) => [r.k, r]));
      return keys.map((k) => {
        const r = byKey.get(areaKey(k));
        return { schoolsWithEcts: r?.schools ?? 0, ects: r?.n ?? 0 };
      });
    },
    (k) => `${areaKey(k)}|${k.year}`,
  ),

  npqEngagement: loaderByArgument<AreaYearKey, NpqFigures, number>(
    (k) => k.year,
    async (cohort, keys) => {
      const rows = await query<{ k: string; schools: number; n: number }>(
        em,
        `select s.k, count(distinct n.school_urn)::int as schools, count(*)::int as n
         from (select distinct k, urn from jsonb_to_recordset(?::jsonb) as r(k text, urn text)) s
         join npq_enrolment n on n.school_urn = s.urn
         where n.cohort = ?
         group by s.k`,
        [pairs(keys), cohort],
      );
      const byKey = new Map(rows.map((r) => [r.k, r]));
      return keys.map((k) => {
        const r = byKey.get(areaKey(k));
        return { schoolsWithParticipants: r?.schools ?? 0, enrolments: r?.n ?? 0 };
      });
    },
    (k) => `${areaKey(k)}|${k.year}`,
  ),
});
