import { defineEntity, p } from '@mikro-orm/core';
import { Scitt } from '../scitt/scitt.entity.ts';

/** A school in a SCITT's partnership (keyed by both). The school is a plain URN, not a relation. */
export const ScittPartnerSchoolSchema = defineEntity({
  name: 'ScittPartnerSchool',
  tableName: 'scitt_partner_school',
  properties: {
    scitt: () => p.manyToOne(Scitt).fieldName('scitt_id').primary(),
    urn: p.string().length(12).primary().index(),
  },
});
export class ScittPartnerSchool extends ScittPartnerSchoolSchema.class {}
ScittPartnerSchoolSchema.setClass(ScittPartnerSchool);
