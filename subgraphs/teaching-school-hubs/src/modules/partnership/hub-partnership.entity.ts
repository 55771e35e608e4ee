import { defineEntity, p } from '@mikro-orm/core';
import { TeachingSchoolHub } from '../hub/hub.entity.ts';

export const PARTNER_KINDS = ['SCITT', 'CURRICULUM_HUB', 'LOCAL_AUTHORITY'] as const;

/** A partnership of a hub with a SCITT, a curriculum hub or an LA, keyed by all three columns. */
export const HubPartnershipSchema = defineEntity({
  name: 'HubPartnership',
  tableName: 'hub_partnership',
  properties: {
    hub: () => p.manyToOne(TeachingSchoolHub).fieldName('hub_id').primary(),
    partnerKind: p.enum([...PARTNER_KINDS]).primary(),
    /** SCITT provider URN, curriculum hub id or LA code: owned by the other subgraphs. */
    partnerId: p.string().primary(),
  },
});
export class HubPartnership extends HubPartnershipSchema.class {}
HubPartnershipSchema.setClass(HubPartnership);
