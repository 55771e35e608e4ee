import type { EntityManager } from '@mikro-orm/postgresql';
import { jsonParam, query } from '@tdg/kit/sql';
import DataLoader from 'dataloader';

/** Whether any hub holds a record for each TRN (as ECT, as mentor or as NPQ participant): one statement per request. */
export const teacherLoaders = (em: EntityManager) => ({
  trnKnown: new DataLoader<string, boolean>(
    async (trns) => {
      const rows = await query<{ trn: string }>(
        em,
        `select t.trn from (select distinct jsonb_array_elements_text(?::jsonb) as trn) t
         where exists (select 1 from ect_induction i where i.trn = t.trn)
            or exists (select 1 from ect_induction i where i.mentor_trn = t.trn)
            or exists (select 1 from npq_enrolment n where n.trn = t.trn)`,
        [jsonParam(trns)],
      );
      const known = new Set(rows.map((r) => r.trn));
      return trns.map((trn) => known.has(trn));
    },
    { maxBatchSize: 50_000 },
  ),
});
