import type { EntityManager } from '@mikro-orm/postgresql';
import { singleLoader } from '@tdg/kit/loaders';
import { jsonParam, query } from '@tdg/kit/sql';
import { type ScittCohortModel, cohortKey } from './scitt-cohort.ts';

/** A cohort's figures. */
export interface CohortStats {
  readonly traineeCount: number;
  readonly awardedCount: number;
  readonly inTrainingCount: number;
  readonly withdrawnCount: number;
  readonly deferredCount: number;
  /** Distinct TRNs of the awarded trainees that have one, ascending. */
  readonly awardedTrns: string[];
}

export const EMPTY_COHORT: CohortStats = {
  traineeCount: 0,
  awardedCount: 0,
  inTrainingCount: 0,
  withdrawnCount: 0,
  deferredCount: 0,
  awardedTrns: [],
};

interface Row {
  scitt_id: string;
  academic_year: number;
  trainees: number;
  awarded: number;
  in_training: number;
  withdrawn: number;
  deferred: number;
  awarded_trns: string[];
}

/** Figures of every cohort asked for in a request, with one grouped statement. */
export const cohortLoaders = (em: EntityManager) => ({
  cohortStats: singleLoader<ScittCohortModel, CohortStats & ScittCohortModel>(
    async (cohorts) => {
      const rows = await query<Row>(
        em,
        `select k.scitt_id, k.academic_year,
                count(*)::int as trainees,
                count(*) filter (where t.status = 'AWARDED')::int as awarded,
                count(*) filter (where t.status = 'IN_TRAINING')::int as in_training,
                count(*) filter (where t.status = 'WITHDRAWN')::int as withdrawn,
                count(*) filter (where t.status = 'DEFERRED')::int as deferred,
                coalesce(array_agg(distinct t.trn::text order by t.trn::text) filter (where t.status = 'AWARDED' and t.trn is not null), '{}') as awarded_trns
         from jsonb_to_recordset(?::jsonb) as k(scitt_id text, academic_year int)
         join trainee t on t.scitt_id = k.scitt_id and t.academic_year = k.academic_year
         group by k.scitt_id, k.academic_year`,
        [jsonParam(cohorts.map((c) => ({ scitt_id: c.scittId, academic_year: c.academicYear })))],
      );
      return rows.map((r) => ({
        scittId: r.scitt_id,
        academicYear: r.academic_year,
        traineeCount: r.trainees,
        awardedCount: r.awarded,
        inTrainingCount: r.in_training,
        withdrawnCount: r.withdrawn,
        deferredCount: r.deferred,
        awardedTrns: r.awarded_trns,
      }));
    },
    (s) => ({ scittId: s.scittId, academicYear: s.academicYear }),
    cohortKey,
  ),
});
