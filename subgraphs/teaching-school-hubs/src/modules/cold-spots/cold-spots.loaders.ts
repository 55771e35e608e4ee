import type { EntityManager } from '@mikro-orm/postgresql';
import { engagedCandidatesLoader } from '@tdg/kit/cold-spot-report';

/**
 * The candidates of each cold-spot report with an ECT induction whose academic year, or an NPQ enrolment whose cohort,
 * lies within the report's span (validated by the resolver).
 */
export const coldSpotLoaders = (em: EntityManager) => ({
  tshEngagedUrns: engagedCandidatesLoader(
    em,
    `select school_urn as urn, academic_year as year from ect_induction
     union all select school_urn, cohort from npq_enrolment`,
  ),
});
