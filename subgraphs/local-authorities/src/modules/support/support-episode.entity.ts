import { defineEntity, p } from '@mikro-orm/core';
import { School } from '../school/school.entity.ts';

export const SUPPORT_TYPES = ['NLE', 'LLE', 'SLE', 'LA_ADVISER', 'CONSULTANT_HEAD', 'SCHOOL_TWINNING'] as const;
export const SUPPORT_CATEGORIES = ['SERIOUS_WEAKNESSES', 'REQUIRES_IMPROVEMENT', 'COASTING', 'LEADERSHIP_CAPACITY'] as const;

/** An episode of school-to-school support brokered by an LA. */
export const SupportEpisodeSchema = defineEntity({
  name: 'SupportEpisode',
  tableName: 'support_episode',
  properties: {
    id: p.string().primary(),
    supportedSchool: () => p.manyToOne(School).fieldName('supported_urn').index(),
    supportingSchool: () => p.manyToOne(School).fieldName('supporting_urn').nullable().index(),
    supportType: p.enum([...SUPPORT_TYPES]),
    category: p.enum([...SUPPORT_CATEGORIES]),
    startedOn: p.string().columnType('date'),
    endedOn: p.string().columnType('date').nullable(),
  },
});
export class SupportEpisode extends SupportEpisodeSchema.class {}
SupportEpisodeSchema.setClass(SupportEpisode);
