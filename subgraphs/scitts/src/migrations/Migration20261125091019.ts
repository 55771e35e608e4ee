import { Migration } from '@mikro-orm/migrations';

export class Migration20261125091019 extends Migration {

  override name = 'Migration20261125091019';

  override up(): void | Promise<void> {
    this.addSql(`create table "scitt" ("id" varchar(12) not null, "ukprn" varchar(8) null, "name" varchar(255) not null, "lead_school_urn" varchar(12) null, "region_code" varchar(1) not null, primary key ("id"));`);
    this.addSql(`create index "scitt_region_code_index" on "scitt" ("region_code");`);

    this.addSql(`create table "scitt_partner_school" ("scitt_id" varchar(12) not null, "urn" varchar(12) not null, primary key ("scitt_id", "urn"));`);
    this.addSql(`create index "scitt_partner_school_urn_index" on "scitt_partner_school" ("urn");`);

    this.addSql(`create table "trainee" ("id" varchar(255) not null, "scitt_id" varchar(12) not null, "trn" varchar(7) null, "route" text not null, "phase" text not null, "subject" varchar(6) null, "academic_year" int not null, "status" text not null, "awarded_on" date null, primary key ("id"));`);
    this.addSql(`create index "trainee_trn_index" on "trainee" ("trn");`);
    this.addSql(`create index "trainee_scitt_id_academic_year_index" on "trainee" ("scitt_id", "academic_year");`);
    this.addSql(`alter table "trainee" add constraint "trainee_route_check" check ("route" in ('PROVIDER_LED_POSTGRAD', 'SCHOOL_DIRECT_TUITION_FEE', 'SCHOOL_DIRECT_SALARIED', 'PG_TEACHING_APPRENTICESHIP', 'TEACHER_DEGREE_APPRENTICESHIP', 'ASSESSMENT_ONLY', 'EARLY_YEARS_POSTGRAD', 'EARLY_YEARS_SALARIED', 'EARLY_YEARS_ASSESSMENT_ONLY'));`);
    this.addSql(`alter table "trainee" add constraint "trainee_phase_check" check ("phase" in ('EARLY_YEARS', 'PRIMARY', 'SECONDARY'));`);
    this.addSql(`alter table "trainee" add constraint "trainee_status_check" check ("status" in ('IN_TRAINING', 'AWARDED', 'DEFERRED', 'WITHDRAWN'));`);

    this.addSql(`create table "placement" ("id" varchar(255) not null, "trainee_id" varchar(255) not null, "urn" varchar(12) not null, "started_on" date not null, "ended_on" date null, primary key ("id"));`);
    this.addSql(`create index "placement_trainee_id_index" on "placement" ("trainee_id");`);
    this.addSql(`create index "placement_urn_index" on "placement" ("urn");`);

    this.addSql(`alter table "scitt_partner_school" add constraint "scitt_partner_school_scitt_id_foreign" foreign key ("scitt_id") references "scitt" ("id");`);

    this.addSql(`alter table "trainee" add constraint "trainee_scitt_id_foreign" foreign key ("scitt_id") references "scitt" ("id");`);

    this.addSql(`alter table "placement" add constraint "placement_trainee_id_foreign" foreign key ("trainee_id") references "trainee" ("id");`);
  }

}
