import { defineEntity, p } from '@mikro-orm/core';
import { Trainee } from '../trainee/trainee.entity.ts';

/** A trainee's placement in a school. The school is a plain URN: the register belongs to the local authorities. */
export const PlacementSchema = defineEntity({
  name: 'Placement',
  tableName: 'placement',
  properties: {
    id: p.string().primary(),
    trainee: () => p.manyToOne(Trainee).fieldName('trainee_id').index(),
    urn: p.string().length(12).index(),
    startedOn: p.string().columnType('date'),
    endedOn: p.string().columnType('date').nullable(),
  },
});
export class Placement extends PlacementSchema.class {}
PlacementSchema.setClass(Placement);
