import { defineEntity, p } from '@mikro-orm/core';

/** A government office region (GIAS letter), as named in local-authorities.csv. */
export const RegionSchema = defineEntity({
  name: 'Region',
  tableName: 'region',
  properties: {
    code: p.string().length(1).primary(),
    name: p.string(),
  },
});
export class Region extends RegionSchema.class {}
RegionSchema.setClass(Region);
