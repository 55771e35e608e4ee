import type { EntityManager } from '@mikro-orm/postgresql';
import { AREA_FILTER, AREA_GROUPING, type AreaRow, areaFiguresLoader } from '@tdg/kit/area';

/** ITT placement figures over a set of schools in one academic year. */
export interface IttEngagementFigures {
  readonly schoolsHostingPlacements: number;
  readonly placements: number;
  readonly trainees: number;
}

/**
 * ITT engagement of local authorities and regions: one statement per academic year for every LA and region of the
 * request, the year's placements joined to the subgraph's own `school_area` lookup (the register's URN → LA), counted
 * per LA and per region.
 */
export const areaLoaders = (em: EntityManager) => ({
  ittEngagement: areaFiguresLoader<AreaRow & { schools: number; placements: number; trainees: number }, IttEngagementFigures>(
    em,
    `select a.la_code, a.region_code, count(distinct p.urn)::int as schools, count(*)::int as placements, count(distinct p.trainee_id)::int as trainees
     from school_area a
     join placement p on p.urn = a.urn
     join trainee t on t.id = p.trainee_id
     where ${AREA_FILTER} and t.academic_year = ?
     group by ${AREA_GROUPING}`,
    (r) => ({ schoolsHostingPlacements: r?.schools ?? 0, placements: r?.placements ?? 0, trainees: r?.trainees ?? 0 }),
  ),
});
