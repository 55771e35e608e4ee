import { defineEntity, p } from '@mikro-orm/core';

/**
 * A school-centred initial teacher training provider, keyed by its URN as a provider (e.g. `70245`). The lead school
 * is a plain URN: schools belong to the local-authorities subgraph and are never copied here.
 */
export const ScittSchema = defineEntity({
  name: 'Scitt',
  tableName: 'scitt',
  properties: {
    id: p.string().length(12).primary(),
    ukprn: p.string().length(8).nullable(),
    name: p.string(),
    leadSchoolUrn: p.string().length(12).nullable(),
    regionCode: p.string().length(1).index(),
  },
});
export class Scitt extends ScittSchema.class {}
ScittSchema.setClass(Scitt);
