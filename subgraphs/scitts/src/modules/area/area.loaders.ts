import type { EntityManager } from '@mikro-orm/postgresql';
import { loaderByArgument } from '@tdg/kit/loaders';
import { jsonParam, query } from '@tdg/kit/sql';
import { type AreaKey, areaKey } from './area.ts';

/** ITT placement figures over a set of schools in one academic year. */
export interface IttEngagementFigures {
  readonly schoolsHostingPlacements: number;
  readonly placements: number;
  readonly trainees: number;
}

const NONE: IttEngagementFigures = { schoolsHostingPlacements: 0, placements: 0, trainees: 0 };

/**
 * ITT engagement of local authorities and regions over the school URNs the gateway hands in: one statement per
 * academic year for every area of the request, (area, urn) pairs joined to placements and trainees.
 */
export const areaLoaders = (em: EntityManager) => ({
  ittEngagement: loaderByArgument<AreaKey, IttEngagementFigures, number>(
    (k) => k.academicYear,
    async (year, keys) => {
      const pairs = keys.flatMap((k) => [...new Set(k.schoolUrns)].map((urn) => ({ k: `${k.kind}:${k.code}`, urn })));
      if (pairs.length === 0) return keys.map(() => NONE);
      const rows = await query<{ k: string; schools: number; placements: number; trainees: number }>(
        em,
        `select s.k, count(distinct p.urn)::int as schools, count(*)::int as placements, count(distinct p.trainee_id)::int as trainees
         from jsonb_to_recordset(?::jsonb) as s(k text, urn text)
         join placement p on p.urn = s.urn
         join trainee t on t.id = p.trainee_id
         where t.academic_year = ?
         group by s.k`,
        [jsonParam(pairs), year],
      );
      const byKey = new Map(rows.map((r) => [r.k, { schoolsHostingPlacements: r.schools, placements: r.placements, trainees: r.trainees }]));
      return keys.map((k) => byKey.get(`${k.kind}:${k.code}`) ?? NONE);
    },
    areaKey,
  ),
});
