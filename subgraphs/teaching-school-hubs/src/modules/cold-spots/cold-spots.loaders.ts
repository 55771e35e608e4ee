import type { EntityManager } from '@mikro-orm/postgresql';
import { jsonParam, query } from '@tdg/kit/sql';
import DataLoader from 'dataloader';
import type { ColdSpotReportReference } from './cold-spot-report.ts';

/**
 * Candidates of every cold-spot report of a request (one statement) with an ECT induction whose academic year, or an
 * NPQ enrolment whose cohort, lies within the report's span (validated by the resolver); in the order of the candidates, without repeats.
 */
export const coldSpotLoaders = (em: EntityManager) => ({
  tshEngagedUrns: new DataLoader<ColdSpotReportReference, string[], string>(
    async (reports) => {
      const list = reports.flatMap((r) => (r.candidateUrns ?? []).map((urn) => ({ k: r.id, urn, f: r.fromYear, t: r.toYear })));
      const rows =
        list.length === 0
          ? []
          : await query<{ k: string; urn: string }>(
              em,
              `select distinct s.k, s.urn from jsonb_to_recordset(?::jsonb) as s(k text, urn text, f int, t int)
               where exists (select 1 from ect_induction i where i.school_urn = s.urn and i.academic_year between s.f and s.t)
                  or exists (select 1 from npq_enrolment n where n.school_urn = s.urn and n.cohort between s.f and s.t)`,
              [jsonParam(list)],
            );
      const engaged = new Set(rows.map((r) => `${r.k}\u0000${r.urn}`));
      return reports.map((r) => [...new Set(r.candidateUrns ?? [])].filter((urn) => engaged.has(`${r.id}\u0000${urn}`)));
    },
    { cacheKeyFn: (r) => r.id, maxBatchSize: 50_000 },
  ),
});
