import { defineEntity, p } from '@mikro-orm/core';
import { TeachingSchoolHub } from '../hub/hub.entity.ts';

export const NPQ_COURSES = ['NPQLT', 'NPQLTD', 'NPQLBC', 'NPQLL', 'NPQLPM', 'NPQSENCO', 'NPQSL', 'NPQH', 'NPQEL', 'NPQEYL'] as const;
export const NPQ_STATUSES = ['ACTIVE', 'DEFERRED', 'WITHDRAWN', 'PASSED', 'FAILED'] as const;

/** An enrolment on a National Professional Qualification delivered by a hub. TRN and URN are plain codes. */
export const NpqEnrolmentSchema = defineEntity({
  name: 'NpqEnrolment',
  tableName: 'npq_enrolment',
  // (cohort, school) answers an area's figures for a cohort by an index-only scan; (school, cohort) the cold-spot probes
  // per candidate school and the lookups by school.
  indexes: [{ properties: ['cohort', 'schoolUrn'] }, { properties: ['schoolUrn', 'cohort'] }],
  properties: {
    id: p.string().primary(),
    trn: p.string().length(7).index(),
    schoolUrn: p.string().length(12),
    hub: () => p.manyToOne(TeachingSchoolHub).fieldName('hub_id').index(),
    course: p.enum([...NPQ_COURSES]),
    cohort: p.integer(),
    status: p.enum([...NPQ_STATUSES]),
  },
});
export class NpqEnrolment extends NpqEnrolmentSchema.class {}
NpqEnrolmentSchema.setClass(NpqEnrolment);
