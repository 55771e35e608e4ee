import { defineEntity, p } from '@mikro-orm/core';

/** A Teaching School Hub, keyed by its hub area code (`EE3`). Its lead school and region are plain codes. */
export const TeachingSchoolHubSchema = defineEntity({
  name: 'TeachingSchoolHub',
  tableName: 'teaching_school_hub',
  properties: {
    id: p.string().length(8).primary(),
    name: p.string(),
    /** URN of the lead school (the school register belongs to the local-authorities subgraph). */
    leadSchoolUrn: p.string().length(12).nullable(),
    regionCode: p.string().length(1).index(),
  },
});
export class TeachingSchoolHub extends TeachingSchoolHubSchema.class {}
TeachingSchoolHubSchema.setClass(TeachingSchoolHub);

/** A local authority a hub area covers (keyed by both); the LA code is a plain code owned by local-authorities. */
export const HubLocalAuthoritySchema = defineEntity({
  name: 'HubLocalAuthority',
  tableName: 'hub_local_authority',
  properties: {
    hub: () => p.manyToOne(TeachingSchoolHub).fieldName('hub_id').primary(),
    laCode: p.string().length(3).primary().index(),
  },
});
export class HubLocalAuthority extends HubLocalAuthoritySchema.class {}
HubLocalAuthoritySchema.setClass(HubLocalAuthority);
