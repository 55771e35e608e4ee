import { Migration } from '@mikro-orm/migrations';

/**
 * `participation.academic_year`: a copy of its programme's year, so that the area figures (`hubEngagement`, the
 * cold-spot check) read one table, from an `(academic_year, urn) include (teachers)` index, instead of joining every
 * participation to its programme. The database keeps it in step, whatever writes (the entities declare the same
 * triggers, so that later diffs leave them be):
 * - `participation.takes_programme_year`: a participation takes its programme's year on insert and on any change of its
 *   programme or year (a year written by anyone else is replaced). It reads the programme `for share`, so that adding a
 *   participation and changing the programme's year (`for no key update`) wait for each other instead of committing the
 *   old year beside the new one. An unknown programme is still a foreign-key violation;
 * - `programme.year_to_participations`: a programme's new year is copied to its participations.
 */
export class Migration20261125115359 extends Migration {

  override name = 'Migration20261125115359';

  override up(): void | Promise<void> {
    this.addSql(`alter table "participation" add "academic_year" int null;`);
    this.addSql(`update "participation" p set "academic_year" = g."academic_year" from "programme" g where g."id" = p."programme_id";`);
    this.addSql(`alter table "participation" alter column "academic_year" set not null;`);
    this.addSql(`create index "participation_academic_year_urn_index" on "participation" ("academic_year", "urn") include ("teachers");`);

    this.addSql(`create function "participation_takes_programme_year_fn"() returns trigger language plpgsql as $$
begin
  select g."academic_year" into new."academic_year" from "programme" g where g."id" = new."programme_id" for share;
  if not found then
    raise foreign_key_violation using message = format('programme "%s" of participation (%s) does not exist', new."programme_id", new."urn");
  end if;
  return new;
end $$;`);
    this.addSql(`create trigger "takes_programme_year" before insert or update of "programme_id", "academic_year" on "participation"
  for each row execute function "participation_takes_programme_year_fn"();`);

    this.addSql(`create function "programme_year_to_participations_fn"() returns trigger language plpgsql as $$
begin
  update "participation" set "academic_year" = new."academic_year" where "programme_id" = new."id";
  return null;
end $$;`);
    this.addSql(`create trigger "year_to_participations" after update of "academic_year" on "programme"
  for each row when (old."academic_year" is distinct from new."academic_year") execute function "programme_year_to_participations_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "year_to_participations" on "programme";`);
    this.addSql(`drop function if exists "programme_year_to_participations_fn"();`);
    this.addSql(`drop trigger if exists "takes_programme_year" on "participation";`);
    this.addSql(`drop function if exists "participation_takes_programme_year_fn"();`);
    this.addSql(`drop index "participation_academic_year_urn_index";`);
    this.addSql(`alter table "participation" drop column "academic_year";`);
  }

}
