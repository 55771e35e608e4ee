import { defineEntity, p } from '@mikro-orm/core';

/** Designations of the Research Schools Network. */
export const RESEARCH_SCHOOL_DESIGNATIONS = ['RESEARCH_SCHOOL', 'ASSOCIATE_RESEARCH_SCHOOL'] as const;

/**
 * A Research School or Associate Research School. Its lead school is a URN of the school register and its LA a DfE LA
 * code, kept as plain values: the register belongs to the local-authorities subgraph. Its region is the LA's, from the
 * kit's public reference.
 */
export const ResearchSchoolSchema = defineEntity({
  name: 'ResearchSchool',
  tableName: 'research_school',
  properties: {
    id: p.string().primary(),
    name: p.string(),
    designation: p.enum([...RESEARCH_SCHOOL_DESIGNATIONS]),
    leadSchoolUrn: p.string().length(12).nullable().index(),
    laCode: p.string().length(3).index(),
  },
});
export class ResearchSchool extends ResearchSchoolSchema.class {}
ResearchSchoolSchema.setClass(ResearchSchool);
