import type { EntityManager } from '@mikro-orm/postgresql';
import { engagedCandidatesLoader } from '@tdg/kit/cold-spot-report';

/**
 * The candidates of each cold-spot report with an ECT induction whose academic year, or an NPQ enrolment whose cohort,
 * lies within the report's span (validated by the resolver).
 */
export const coldSpotLoaders = (em: EntityManager) => ({
  tshEngagedUrns: engagedCandidatesLoader(
    em,
    `exists (select 1 from ect_induction i where i.school_urn = s.urn and i.academic_year between s.from_year and s.to_year)
     or exists (select 1 from npq_enrolment n where n.school_urn = s.urn and n.cohort between s.from_year and s.to_year)`,
  ),
});
