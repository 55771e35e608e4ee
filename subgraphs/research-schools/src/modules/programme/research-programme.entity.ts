import { defineEntity, p } from '@mikro-orm/core';
import { ResearchSchool } from '../research-school/research-school.entity.ts';

/** The areas of evidence a research programme works on. */
export const RESEARCH_THEMES = [
  'METACOGNITION',
  'READING',
  'WRITING',
  'MATHEMATICS',
  'FEEDBACK',
  'BEHAVIOUR',
  'TEACHING_ASSISTANTS',
  'DISADVANTAGE',
  'SEND',
  'PROFESSIONAL_DEVELOPMENT',
] as const;

/** A programme a research school runs in one academic year (named by its starting year). */
export const ResearchProgrammeSchema = defineEntity({
  name: 'ResearchProgramme',
  tableName: 'research_programme',
  indexes: [{ properties: ['researchSchool', 'academicYear'] }],
  properties: {
    id: p.string().primary(),
    researchSchool: () => p.manyToOne(ResearchSchool).fieldName('research_school_id'),
    title: p.string(),
    theme: p.enum([...RESEARCH_THEMES]),
    academicYear: p.integer().index(),
  },
});
export class ResearchProgramme extends ResearchProgrammeSchema.class {}
ResearchProgrammeSchema.setClass(ResearchProgramme);
