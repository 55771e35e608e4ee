import type { EntityManager } from '@mikro-orm/postgresql';
import { loaderByArgument, singleLoader } from '@tdg/kit/loaders';
import { jsonParam, query } from '@tdg/kit/sql';
import { OPEN_STATUSES, School } from './school.entity.ts';
import { type SchoolScope, scopeColumn, scopeKey } from './school-scope.ts';

export interface ScopeCounts {
  readonly open: number;
  readonly openStateFunded: number;
}

const OPEN = `('${OPEN_STATUSES.join("','")}')`;

/** Schools by URN and school figures per LA or region: one statement per loader, per scope kind, per request. */
export const schoolLoaders = (em: EntityManager) => ({
  schoolByUrn: singleLoader<string, School>((urns) => em.find(School, { urn: { $in: [...urns] } }), (s) => s.urn),

  /** URNs of every school in each scope, ascending. */
  schoolUrnsByScope: urnsByScope(em, ''),

  /** URNs of the open state-funded schools in each scope: the candidates of a cold-spot analysis. */
  openStateFundedUrnsByScope: urnsByScope(em, `and s.status in ${OPEN} and s.type_group <> 'INDEPENDENT'`),

  /** Open and open state-funded school counts per scope. */
  countsByScope: loaderByArgument<SchoolScope, ScopeCounts, SchoolScope['kind']>(
    (scope) => scope.kind,
    async (kind, scopes) => {
      const rows = await query<{ code: string; open: number; open_state_funded: number }>(
        em,
        `select ${scopeColumn(kind)} as code,
                count(*) filter (where s.status in ${OPEN})::int as open,
                count(*) filter (where s.status in ${OPEN} and s.type_group <> 'INDEPENDENT')::int as open_state_funded
         from school s join local_authority la on la.code = s.la_code
         where ${scopeColumn(kind)} in (select jsonb_array_elements_text(?::jsonb)) group by 1`,
        [jsonParam(scopes.map((s) => s.code))],
      );
      const byCode = new Map(rows.map((r) => [r.code, { open: r.open, openStateFunded: r.open_state_funded }]));
      return scopes.map((s) => byCode.get(s.code) ?? { open: 0, openStateFunded: 0 });
    },
    scopeKey,
  ),
});

/** URNs per scope (LA or region), ascending, of the schools matching `condition`: one statement per scope kind. */
function urnsByScope(em: EntityManager, condition: string) {
  return loaderByArgument<SchoolScope, string[], SchoolScope['kind']>(
    (scope) => scope.kind,
    async (kind, scopes) => {
      const rows = await query<{ code: string; urns: string[] }>(
        em,
        `select ${scopeColumn(kind)} as code, array_agg(s.urn order by s.urn) as urns
         from school s join local_authority la on la.code = s.la_code
         where ${scopeColumn(kind)} in (select jsonb_array_elements_text(?::jsonb)) ${condition} group by 1`,
        [jsonParam(scopes.map((s) => s.code))],
      );
      const byCode = new Map(rows.map((r) => [r.code, r.urns]));
      return scopes.map((s) => byCode.get(s.code) ?? []);
    },
    scopeKey,
  );
}
