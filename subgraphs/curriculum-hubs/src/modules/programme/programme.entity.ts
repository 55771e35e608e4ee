import { defineEntity, p } from '@mikro-orm/core';
import { CurriculumHub } from '../hub/curriculum-hub.entity.ts';

export const WORKGROUP_PHASES = ['READINESS', 'DEVELOPMENT', 'EMBEDDING', 'SUSTAINING'] as const;

/** A hub programme or work group in one academic year (named by its starting year). */
export const ProgrammeSchema = defineEntity({
  name: 'Programme',
  tableName: 'programme',
  indexes: [{ properties: ['hub', 'academicYear'] }],
  properties: {
    id: p.string().primary(),
    hub: () => p.manyToOne(CurriculumHub).fieldName('hub_id'),
    title: p.string(),
    academicYear: p.integer().index(),
    workgroupPhase: p.enum([...WORKGROUP_PHASES]).nullable(),
  },
});
export class Programme extends ProgrammeSchema.class {}
ProgrammeSchema.setClass(Programme);
