import { defineEntity, p } from '@mikro-orm/core';
import { Programme } from '../programme/programme.entity.ts';

/**
 * A participation takes its programme's academic year on insert and on any change of its programme or year (a year
 * written by anyone else is replaced). It reads the programme `for share`, so that a participation being added and a
 * change of the programme's year (`programme.year_to_participations`) wait for each other rather than commit the old
 * year beside the new one. The function is named `<table>_<trigger>_fn`, as MikroORM names those of the triggers it
 * manages (and drops with them); `expression` keeps the raw DDL, which MikroORM creates but does not compare.
 */
const TAKES_PROGRAMME_YEAR = `create function "participation_takes_programme_year_fn"() returns trigger language plpgsql as $$
begin
  select g."academic_year" into new."academic_year" from "programme" g where g."id" = new."programme_id" for share;
  if not found then
    raise foreign_key_violation using message = format('programme "%s" of participation (%s) does not exist', new."programme_id", new."urn");
  end if;
  return new;
end $$;
create trigger "takes_programme_year" before insert or update of "programme_id", "academic_year" on "participation"
  for each row execute function "participation_takes_programme_year_fn"();`;

/**
 * A school taking part in a programme, keyed by both. The school is a URN of the register, kept as plain text: the
 * register belongs to the local-authorities subgraph and is never copied here.
 *
 * `academicYear` is a copy of the programme's, kept in step by the database (the triggers `takes_programme_year` here and
 * `year_to_participations` on `programme`), so that the area figures read one table, from the `(academic_year, urn)
 * include (teachers)` index. The application never sets it: a raw default of `null` makes MikroORM leave it out of
 * inserts and read back what the trigger wrote, and matches the column's absent default, so schema diffs stay empty.
 */
export const ParticipationSchema = defineEntity({
  name: 'Participation',
  tableName: 'participation',
  indexes: [{ properties: ['academicYear', 'urn'], include: ['teachers'] }],
  triggers: [{ name: 'takes_programme_year', timing: 'before', events: ['insert', 'update'], expression: TAKES_PROGRAMME_YEAR }],
  properties: {
    programme: () => p.manyToOne(Programme).fieldName('programme_id').primary(),
    urn: p.string().length(12).primary().index(),
    teachers: p.integer().default(1),
    academicYear: p.integer().defaultRaw('null'),
  },
});
export class Participation extends ParticipationSchema.class {}
ParticipationSchema.setClass(Participation);
