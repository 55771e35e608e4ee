import type { EntityManager } from '@mikro-orm/postgresql';
import { jsonParam, query } from '@tdg/kit/sql';
import DataLoader from 'dataloader';
import type { ScittCohortReference } from './scitt-cohort.ts';

/** Where a cohort's awarded teachers began induction: one school URN per teacher who began, ordered by TRN. */
export interface CohortInductions {
  readonly inductionSchoolUrns: string[];
}

const cohortKey = (c: ScittCohortReference) => `${c.scittId}|${c.academicYear}`;

/**
 * For every cohort of a request at once (one statement): each awarded TRN with at least one ECT induction, and the
 * school of its first induction (earliest `started_on`, then induction id in code-point order).
 */
export const scittCohortLoaders = (em: EntityManager) => ({
  cohortInductions: new DataLoader<ScittCohortReference, CohortInductions, string>(
    async (cohorts) => {
      const list = cohorts.flatMap((c) => (c.awardedTrns ?? []).map((trn) => ({ k: cohortKey(c), trn })));
      const rows =
        list.length === 0
          ? []
          : await query<{ k: string; urns: string[] }>(
              em,
              `with c as (select distinct k, trn from jsonb_to_recordset(?::jsonb) as r(k text, trn text)),
                    f as (select distinct on (i.trn) i.trn, i.school_urn from ect_induction i
                          where i.trn in (select trn from c) order by i.trn, i.started_on, i.id collate "C")
               select c.k, array_agg(f.school_urn::text order by c.trn) as urns
               from c join f on f.trn = c.trn group by c.k`,
              [jsonParam(list)],
            );
      const byKey = new Map(rows.map((r) => [r.k, r.urns]));
      return cohorts.map((c) => ({ inductionSchoolUrns: byKey.get(cohortKey(c)) ?? [] }));
    },
    { cacheKeyFn: cohortKey, maxBatchSize: 50_000 },
  ),
});
