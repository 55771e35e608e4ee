import { defineEntity, p } from '@mikro-orm/core';
import { Region } from '../region/region.entity.ts';

/** A local authority: DfE code, GSS code, name and region. */
export const LocalAuthoritySchema = defineEntity({
  name: 'LocalAuthority',
  tableName: 'local_authority',
  properties: {
    code: p.string().length(3).primary(),
    gssCode: p.string().length(9),
    name: p.string(),
    region: () => p.manyToOne(Region).fieldName('region_code').index(),
  },
});
export class LocalAuthority extends LocalAuthoritySchema.class {}
LocalAuthoritySchema.setClass(LocalAuthority);
