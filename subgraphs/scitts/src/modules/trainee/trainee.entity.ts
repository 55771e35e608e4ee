import { defineEntity, p } from '@mikro-orm/core';
import { Scitt } from '../scitt/scitt.entity.ts';

export const TRAINING_ROUTES = [
  'PROVIDER_LED_POSTGRAD',
  'SCHOOL_DIRECT_TUITION_FEE',
  'SCHOOL_DIRECT_SALARIED',
  'PG_TEACHING_APPRENTICESHIP',
  'TEACHER_DEGREE_APPRENTICESHIP',
  'ASSESSMENT_ONLY',
  'EARLY_YEARS_POSTGRAD',
  'EARLY_YEARS_SALARIED',
  'EARLY_YEARS_ASSESSMENT_ONLY',
] as const;
export const COURSE_PHASES = ['EARLY_YEARS', 'PRIMARY', 'SECONDARY'] as const;
export const TRAINEE_STATUSES = ['IN_TRAINING', 'AWARDED', 'DEFERRED', 'WITHDRAWN'] as const;

/** Early-years routes lead to EYTS (and only to early-years courses); every other route leads to QTS. */
export const isEarlyYearsRoute = (route: string): boolean => route.startsWith('EARLY_YEARS_');

/** A person training to teach with a SCITT, in the cohort of the academic year they started. */
export const TraineeSchema = defineEntity({
  name: 'Trainee',
  tableName: 'trainee',
  indexes: [{ properties: ['scitt', 'academicYear'] }],
  properties: {
    id: p.string().primary(),
    scitt: () => p.manyToOne(Scitt).fieldName('scitt_id'),
    trn: p.string().length(7).nullable().index(),
    route: p.enum([...TRAINING_ROUTES]),
    phase: p.enum([...COURSE_PHASES]),
    subject: p.string().length(6).nullable(),
    academicYear: p.integer(),
    status: p.enum([...TRAINEE_STATUSES]),
    awardedOn: p.string().columnType('date').nullable(),
  },
});
export class Trainee extends TraineeSchema.class {}
TraineeSchema.setClass(Trainee);
