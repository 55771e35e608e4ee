import type { EntityManager } from '@mikro-orm/postgresql';
import { areaFiguresLoader } from '@tdg/kit/area';

/** ITT placement figures over a set of schools in one academic year. */
export interface IttEngagementFigures {
  readonly schoolsHostingPlacements: number;
  readonly placements: number;
  readonly trainees: number;
}

/**
 * ITT engagement of local authorities and regions over the school URNs the gateway hands in: one statement per
 * academic year for every area of the request, (area, urn) pairs joined to placements and trainees (a hash join:
 * `collate "C"` keeps the planner from sorting thousands of URNs under the database's collation for a merge join).
 */
export const areaLoaders = (em: EntityManager) => ({
  ittEngagement: areaFiguresLoader<{ k: number; schools: number; placements: number; trainees: number }, IttEngagementFigures>(
    em,
    `select s.k, count(distinct p.urn)::int as schools, count(*)::int as placements, count(distinct p.trainee_id)::int as trainees
     from unnest(?::int[], ?::text[]) as s(k, urn)
     join placement p on p.urn = s.urn collate "C"
     join trainee t on t.id = p.trainee_id
     where t.academic_year = ?
     group by s.k`,
    (r) => ({ schoolsHostingPlacements: r?.schools ?? 0, placements: r?.placements ?? 0, trainees: r?.trainees ?? 0 }),
  ),
});
