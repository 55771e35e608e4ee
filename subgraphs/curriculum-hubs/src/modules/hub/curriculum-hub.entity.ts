import { defineEntity, p } from '@mikro-orm/core';

export const CURRICULUM_HUB_KINDS = ['MATHS', 'ENGLISH', 'COMPUTING', 'SCIENCE', 'MUSIC', 'LANGUAGES'] as const;

/**
 * A curriculum hub (Maths Hub, English Hub, Science Learning Partnership, …). Its lead school is a URN of the school
 * register, kept as plain text: the register belongs to the local-authorities subgraph.
 */
export const CurriculumHubSchema = defineEntity({
  name: 'CurriculumHub',
  tableName: 'curriculum_hub',
  properties: {
    id: p.string().primary(),
    name: p.string(),
    kind: p.enum([...CURRICULUM_HUB_KINDS]).index(),
    leadSchoolUrn: p.string().length(12).nullable(),
  },
});
export class CurriculumHub extends CurriculumHubSchema.class {}
CurriculumHubSchema.setClass(CurriculumHub);

/** A local authority a hub covers (by DfE LA code; LAs belong to the local-authorities subgraph). */
export const CurriculumHubLocalAuthoritySchema = defineEntity({
  name: 'CurriculumHubLocalAuthority',
  tableName: 'curriculum_hub_local_authority',
  properties: {
    hub: () => p.manyToOne(CurriculumHub).fieldName('hub_id').primary(),
    laCode: p.string().length(3).primary().index(),
  },
});
export class CurriculumHubLocalAuthority extends CurriculumHubLocalAuthoritySchema.class {}
CurriculumHubLocalAuthoritySchema.setClass(CurriculumHubLocalAuthority);
