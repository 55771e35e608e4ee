import { Migration } from '@mikro-orm/migrations';

export class Migration20261125091033 extends Migration {

  override name = 'Migration20261125091033';

  override up(): void | Promise<void> {
    this.addSql(`create table "teaching_school_hub" ("id" varchar(8) not null, "name" varchar(255) not null, "lead_school_urn" varchar(12) null, "region_code" varchar(1) not null, primary key ("id"));`);
    this.addSql(`create index "teaching_school_hub_region_code_index" on "teaching_school_hub" ("region_code");`);

    this.addSql(`create table "npq_enrolment" ("id" varchar(255) not null, "trn" varchar(7) not null, "school_urn" varchar(12) not null, "hub_id" varchar(8) not null, "course" text not null, "cohort" int not null, "status" text not null, primary key ("id"));`);
    this.addSql(`create index "npq_enrolment_trn_index" on "npq_enrolment" ("trn");`);
    this.addSql(`create index "npq_enrolment_school_urn_index" on "npq_enrolment" ("school_urn");`);
    this.addSql(`create index "npq_enrolment_hub_id_index" on "npq_enrolment" ("hub_id");`);
    this.addSql(`create index "npq_enrolment_cohort_index" on "npq_enrolment" ("cohort");`);
    this.addSql(`alter table "npq_enrolment" add constraint "npq_enrolment_course_check" check ("course" in ('NPQLT', 'NPQLTD', 'NPQLBC', 'NPQLL', 'NPQLPM', 'NPQSENCO', 'NPQSL', 'NPQH', 'NPQEL', 'NPQEYL'));`);
    this.addSql(`alter table "npq_enrolment" add constraint "npq_enrolment_status_check" check ("status" in ('ACTIVE', 'DEFERRED', 'WITHDRAWN', 'PASSED', 'FAILED'));`);

    this.addSql(`create table "hub_partnership" ("hub_id" varchar(8) not null, "partner_kind" text not null, "partner_id" varchar(255) not null, primary key ("hub_id", "partner_kind", "partner_id"));`);
    this.addSql(`alter table "hub_partnership" add constraint "hub_partnership_partner_kind_check" check ("partner_kind" in ('SCITT', 'CURRICULUM_HUB', 'LOCAL_AUTHORITY'));`);

    this.addSql(`create table "hub_local_authority" ("hub_id" varchar(8) not null, "la_code" varchar(3) not null, primary key ("hub_id", "la_code"));`);
    this.addSql(`create index "hub_local_authority_la_code_index" on "hub_local_authority" ("la_code");`);

    this.addSql(`create table "ect_induction" ("id" varchar(255) not null, "trn" varchar(7) not null, "school_urn" varchar(12) not null, "hub_id" varchar(8) not null, "academic_year" int not null, "training_programme" text not null, "status" text not null, "started_on" date not null, "finished_on" date null, "mentor_trn" varchar(7) null, primary key ("id"));`);
    this.addSql(`create index "ect_induction_trn_index" on "ect_induction" ("trn");`);
    this.addSql(`create index "ect_induction_school_urn_index" on "ect_induction" ("school_urn");`);
    this.addSql(`create index "ect_induction_hub_id_index" on "ect_induction" ("hub_id");`);
    this.addSql(`create index "ect_induction_mentor_trn_index" on "ect_induction" ("mentor_trn");`);
    this.addSql(`create index "ect_induction_academic_year_index" on "ect_induction" ("academic_year");`);
    this.addSql(`alter table "ect_induction" add constraint "ect_induction_training_programme_check" check ("training_programme" in ('PROVIDER_LED', 'SCHOOL_LED'));`);
    this.addSql(`alter table "ect_induction" add constraint "ect_induction_status_check" check ("status" in ('IN_PROGRESS', 'PASSED', 'FAILED', 'EXTENDED', 'WITHDRAWN'));`);

    this.addSql(`alter table "npq_enrolment" add constraint "npq_enrolment_hub_id_foreign" foreign key ("hub_id") references "teaching_school_hub" ("id");`);

    this.addSql(`alter table "hub_partnership" add constraint "hub_partnership_hub_id_foreign" foreign key ("hub_id") references "teaching_school_hub" ("id");`);

    this.addSql(`alter table "hub_local_authority" add constraint "hub_local_authority_hub_id_foreign" foreign key ("hub_id") references "teaching_school_hub" ("id");`);

    this.addSql(`alter table "ect_induction" add constraint "ect_induction_hub_id_foreign" foreign key ("hub_id") references "teaching_school_hub" ("id");`);
  }

}
