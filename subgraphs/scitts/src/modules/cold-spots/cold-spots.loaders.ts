import type { EntityManager } from '@mikro-orm/postgresql';
import { engagedCandidatesLoader } from '@tdg/kit/cold-spot-report';

/** The candidates of each cold-spot report that hosted a placement of a trainee whose academic year lies in the report's span. */
export const coldSpotLoaders = (em: EntityManager) => ({
  ittEngagedUrns: engagedCandidatesLoader(
    em,
    `exists (select 1 from placement p join trainee t on t.id = p.trainee_id
             where p.urn = s.urn and t.academic_year between s.from_year and s.to_year)`,
  ),
});
