import { Migration } from '@mikro-orm/migrations';

export class Migration20261125091002 extends Migration {

  override name = 'Migration20261125091002';

  override up(): void | Promise<void> {
    this.addSql(`create table "curriculum_hub" ("id" varchar(255) not null, "name" varchar(255) not null, "kind" text not null, "lead_school_urn" varchar(12) null, primary key ("id"));`);
    this.addSql(`create index "curriculum_hub_kind_index" on "curriculum_hub" ("kind");`);
    this.addSql(`alter table "curriculum_hub" add constraint "curriculum_hub_kind_check" check ("kind" in ('MATHS', 'ENGLISH', 'COMPUTING', 'SCIENCE', 'MUSIC', 'LANGUAGES'));`);

    this.addSql(`create table "curriculum_hub_local_authority" ("hub_id" varchar(255) not null, "la_code" varchar(3) not null, primary key ("hub_id", "la_code"));`);
    this.addSql(`create index "curriculum_hub_local_authority_la_code_index" on "curriculum_hub_local_authority" ("la_code");`);

    this.addSql(`create table "programme" ("id" varchar(255) not null, "hub_id" varchar(255) not null, "title" varchar(255) not null, "academic_year" int not null, "workgroup_phase" text null, primary key ("id"));`);
    this.addSql(`create index "programme_academic_year_index" on "programme" ("academic_year");`);
    this.addSql(`create index "programme_hub_id_academic_year_index" on "programme" ("hub_id", "academic_year");`);
    this.addSql(`alter table "programme" add constraint "programme_workgroup_phase_check" check ("workgroup_phase" in ('READINESS', 'DEVELOPMENT', 'EMBEDDING', 'SUSTAINING'));`);

    this.addSql(`create table "participation" ("programme_id" varchar(255) not null, "urn" varchar(12) not null, "teachers" int not null default 1, primary key ("programme_id", "urn"));`);
    this.addSql(`create index "participation_urn_index" on "participation" ("urn");`);

    this.addSql(`alter table "curriculum_hub_local_authority" add constraint "curriculum_hub_local_authority_hub_id_foreign" foreign key ("hub_id") references "curriculum_hub" ("id");`);

    this.addSql(`alter table "programme" add constraint "programme_hub_id_foreign" foreign key ("hub_id") references "curriculum_hub" ("id");`);

    this.addSql(`alter table "participation" add constraint "participation_programme_id_foreign" foreign key ("programme_id") references "programme" ("id");`);
  }

}
