import { defineEntity, p } from '@mikro-orm/core';
import { Programme } from '../programme/programme.entity.ts';

/**
 * A school taking part in a programme, keyed by both. The school is a URN of the register, kept as plain text: the
 * register belongs to the local-authorities subgraph and is never copied here.
 */
export const ParticipationSchema = defineEntity({
  name: 'Participation',
  tableName: 'participation',
  properties: {
    programme: () => p.manyToOne(Programme).fieldName('programme_id').primary(),
    urn: p.string().length(12).primary().index(),
    teachers: p.integer().default(1),
  },
});
export class Participation extends ParticipationSchema.class {}
ParticipationSchema.setClass(Participation);
