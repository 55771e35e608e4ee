import { defineEntity, p } from '@mikro-orm/core';

/**
 * A research school. Its lead school is a URN of the school register and its LA a DfE LA code, kept as plain
 * values: the register belongs to the local-authorities subgraph.
 */
export const ResearchSchoolSchema = defineEntity({
  name: 'ResearchSchool',
  tableName: 'research_school',
  properties: {
    id: p.string().primary(),
    name: p.string(),
    leadSchoolUrn: p.string().length(12).nullable().index(),
    laCode: p.string().length(3).index(),
  },
});
export class ResearchSchool extends ResearchSchoolSchema.class {}
ResearchSchoolSchema.setClass(ResearchSchool);
