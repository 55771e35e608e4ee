import { defineEntity, p } from '@mikro-orm/core';
import { ResearchProgramme } from '../programme/research-programme.entity.ts';

/**
 * A school taking part in a research programme, keyed by both, with its number of teachers. The school is a URN of the
 * register, kept as plain text: the register belongs to the local-authorities subgraph and is never copied here.
 */
export const ResearchParticipationSchema = defineEntity({
  name: 'ResearchParticipation',
  tableName: 'research_participation',
  indexes: [{ properties: ['urn', 'programme'], include: ['teachers'] }],
  properties: {
    programme: () => p.manyToOne(ResearchProgramme).fieldName('programme_id').primary(),
    urn: p.string().length(12).primary(),
    teachers: p.integer().default(1),
  },
});
export class ResearchParticipation extends ResearchParticipationSchema.class {}
ResearchParticipationSchema.setClass(ResearchParticipation);
