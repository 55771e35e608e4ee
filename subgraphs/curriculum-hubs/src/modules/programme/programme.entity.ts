import { defineEntity, p } from '@mikro-orm/core';
import { CurriculumHub } from '../hub/curriculum-hub.entity.ts';

export const WORKGROUP_PHASES = ['READINESS', 'DEVELOPMENT', 'EMBEDDING', 'SUSTAINING'] as const;

/**
 * A programme's new academic year is copied to its participations (`participation.academic_year`, kept by the database:
 * see `participation.entity.ts`). The function is named `<table>_<trigger>_fn`, as MikroORM names those of the triggers
 * it manages; `expression` keeps the raw DDL, which MikroORM creates but does not compare.
 */
const YEAR_TO_PARTICIPATIONS = `create function "programme_year_to_participations_fn"() returns trigger language plpgsql as $$
begin
  update "participation" set "academic_year" = new."academic_year" where "programme_id" = new."id";
  return null;
end $$;
create trigger "year_to_participations" after update of "academic_year" on "programme"
  for each row when (old."academic_year" is distinct from new."academic_year") execute function "programme_year_to_participations_fn"();`;

/** A hub programme or work group in one academic year (named by its starting year). */
export const ProgrammeSchema = defineEntity({
  name: 'Programme',
  tableName: 'programme',
  indexes: [{ properties: ['hub', 'academicYear'] }],
  triggers: [{ name: 'year_to_participations', timing: 'after', events: ['update'], expression: YEAR_TO_PARTICIPATIONS }],
  properties: {
    id: p.string().primary(),
    hub: () => p.manyToOne(CurriculumHub).fieldName('hub_id'),
    title: p.string(),
    academicYear: p.integer().index(),
    workgroupPhase: p.enum([...WORKGROUP_PHASES]).nullable(),
  },
});
export class Programme extends ProgrammeSchema.class {}
ProgrammeSchema.setClass(Programme);
