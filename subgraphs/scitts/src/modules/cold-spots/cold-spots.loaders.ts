import type { EntityManager } from '@mikro-orm/postgresql';
import { engagedCandidatesLoader } from '@tdg/kit/cold-spot-report';

/** The candidates of each cold-spot report that hosted a placement of a trainee whose academic year lies in the report's span. */
export const coldSpotLoaders = (em: EntityManager) => ({
  ittEngagedUrns: engagedCandidatesLoader(
    em,
    `select p.urn, t.academic_year as year from placement p join trainee t on t.id = p.trainee_id`,
  ),
});
