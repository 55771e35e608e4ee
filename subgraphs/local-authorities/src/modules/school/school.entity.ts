import { defineEntity, p } from '@mikro-orm/core';
import { LocalAuthority } from '../local-authority/local-authority.entity.ts';

export const SCHOOL_PHASES = ['NURSERY', 'PRIMARY', 'MIDDLE_DEEMED_PRIMARY', 'SECONDARY', 'MIDDLE_DEEMED_SECONDARY', 'SIXTEEN_PLUS', 'ALL_THROUGH', 'NOT_APPLICABLE'] as const;
export const TYPE_GROUPS = ['LA_MAINTAINED', 'ACADEMY', 'FREE_SCHOOL', 'SPECIAL', 'INDEPENDENT', 'COLLEGE', 'OTHER'] as const;
export const SCHOOL_STATUSES = ['OPEN', 'CLOSED', 'OPEN_PROPOSED_TO_CLOSE', 'PROPOSED_TO_OPEN'] as const;
export const OFSTED_RATINGS = ['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'SERIOUS_WEAKNESSES', 'SPECIAL_MEASURES', 'INADEQUATE', 'NOT_INSPECTED'] as const;

/** Statuses that count a school as open. */
export const OPEN_STATUSES = ['OPEN', 'OPEN_PROPOSED_TO_CLOSE'] as const;

/** A school of the register (GIAS). State-funded means any type group but INDEPENDENT. */
export const SchoolSchema = defineEntity({
  name: 'School',
  tableName: 'school',
  indexes: [{ properties: ['localAuthority', 'status'] }],
  properties: {
    urn: p.string().length(12).primary(),
    name: p.string(),
    localAuthority: () => p.manyToOne(LocalAuthority).fieldName('la_code'),
    phase: p.enum([...SCHOOL_PHASES]),
    typeGroup: p.enum([...TYPE_GROUPS]),
    status: p.enum([...SCHOOL_STATUSES]),
    statutoryLowAge: p.integer().nullable(),
    statutoryHighAge: p.integer().nullable(),
    numberOfPupils: p.integer().nullable(),
    percentageFsm: p.double().nullable(),
    ofstedRating: p.enum([...OFSTED_RATINGS]).nullable(),
    trustName: p.string().nullable(),
    postcode: p.string().length(10).nullable(),
  },
});
export class School extends SchoolSchema.class {}
SchoolSchema.setClass(School);
