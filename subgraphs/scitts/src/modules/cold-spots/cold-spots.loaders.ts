import type { EntityManager } from '@mikro-orm/postgresql';
import { loaderByArgument } from '@tdg/kit/loaders';
import { jsonParam, query } from '@tdg/kit/sql';

/** A cold-spot report's span and candidate schools, as handed in by the gateway. */
export interface ColdSpotCandidates {
  readonly id: string;
  readonly fromYear: number;
  readonly toYear: number;
  readonly candidateUrns: readonly string[];
}

const spanKey = (r: ColdSpotCandidates) => `${r.id}|${r.fromYear}|${r.toYear}`;

/**
 * The candidates of each report that hosted a placement of a trainee whose academic year lies in the report's span
 * (in candidate order): one statement for every report of the request, whatever their spans.
 */
export const coldSpotLoaders = (em: EntityManager) => ({
  ittEngagedUrns: loaderByArgument<ColdSpotCandidates, string[], null>(
    () => null,
    async (_, reports) => {
      const withCandidates = reports.filter((r) => r.candidateUrns.length > 0);
      if (withCandidates.length === 0) return reports.map(() => []);
      const rows = await query<{ key: string; urns: string[] }>(
        em,
        `select r.key, array_agg(c.urn) as urns
         from jsonb_to_recordset(?::jsonb) as r(key text, from_year int, to_year int, urns jsonb)
         cross join lateral (select distinct u.urn from jsonb_array_elements_text(r.urns) as u(urn)) c
         where exists (select 1 from placement p join trainee t on t.id = p.trainee_id
                       where p.urn = c.urn and t.academic_year between r.from_year and r.to_year)
         group by r.key`,
        [jsonParam(withCandidates.map((r) => ({ key: spanKey(r), from_year: r.fromYear, to_year: r.toYear, urns: r.candidateUrns })))],
      );
      const engaged = new Map(rows.map((r) => [r.key, new Set(r.urns)]));
      return reports.map((r) => {
        const set = engaged.get(spanKey(r));
        return set ? [...new Set(r.candidateUrns)].filter((urn) => set.has(urn)) : [];
      });
    },
    spanKey,
  ),
});
