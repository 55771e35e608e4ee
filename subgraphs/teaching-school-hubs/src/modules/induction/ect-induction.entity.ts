import { defineEntity, p } from '@mikro-orm/core';
import { TeachingSchoolHub } from '../hub/hub.entity.ts';

export const TRAINING_PROGRAMMES = ['PROVIDER_LED', 'SCHOOL_LED'] as const;
export const INDUCTION_STATUSES = ['IN_PROGRESS', 'PASSED', 'FAILED', 'EXTENDED', 'WITHDRAWN'] as const;

/** An early career teacher's statutory induction, with a hub as appropriate body. TRNs and the URN are plain codes. */
export const EctInductionSchema = defineEntity({
  name: 'EctInduction',
  tableName: 'ect_induction',
  // (year, school) answers an area's figures for a year by an index-only scan; (school, year) the cold-spot probes per
  // candidate school and the lookups by school.
  indexes: [{ properties: ['academicYear', 'schoolUrn'] }, { properties: ['schoolUrn', 'academicYear'] }],
  properties: {
    id: p.string().primary(),
    trn: p.string().length(7).index(),
    schoolUrn: p.string().length(12),
    appropriateBody: () => p.manyToOne(TeachingSchoolHub).fieldName('hub_id').index(),
    academicYear: p.integer(),
    trainingProgramme: p.enum([...TRAINING_PROGRAMMES]),
    status: p.enum([...INDUCTION_STATUSES]),
    startedOn: p.string().columnType('date'),
    finishedOn: p.string().columnType('date').nullable(),
    mentorTrn: p.string().length(7).nullable().index(),
  },
});
export class EctInduction extends EctInductionSchema.class {}
EctInductionSchema.setClass(EctInduction);
