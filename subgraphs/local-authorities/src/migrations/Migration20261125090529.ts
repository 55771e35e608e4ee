import { Migration } from '@mikro-orm/migrations';

export class Migration20261125090529 extends Migration {

  override name = 'Migration20261125090529';

  override up(): void | Promise<void> {
    this.addSql(`create table "region" ("code" varchar(1) not null, "name" varchar(255) not null, primary key ("code"));`);

    this.addSql(`create table "local_authority" ("code" varchar(3) not null, "gss_code" varchar(9) not null, "name" varchar(255) not null, "region_code" varchar(1) not null, primary key ("code"));`);
    this.addSql(`create index "local_authority_region_code_index" on "local_authority" ("region_code");`);

    this.addSql(`create table "network" ("id" varchar(255) not null, "la_code" varchar(3) not null, "name" varchar(255) not null, "kind" text not null, primary key ("id"));`);
    this.addSql(`create index "network_la_code_index" on "network" ("la_code");`);
    this.addSql(`alter table "network" add constraint "network_kind_check" check ("kind" in ('PRIMARY_LEARNING_NETWORK', 'SUBJECT_LEADER', 'SENCO', 'CPD_LEADERS', 'SUPPORT_STAFF', 'EDUCATION_ACTION_ZONE'));`);

    this.addSql(`create table "school" ("urn" varchar(12) not null, "name" varchar(255) not null, "la_code" varchar(3) not null, "phase" text not null, "type_group" text not null, "status" text not null, "statutory_low_age" int null, "statutory_high_age" int null, "number_of_pupils" int null, "percentage_fsm" double precision null, "ofsted_rating" text null, "trust_name" varchar(255) null, "postcode" varchar(10) null, primary key ("urn"));`);
    this.addSql(`create index "school_la_code_status_index" on "school" ("la_code", "status");`);
    this.addSql(`alter table "school" add constraint "school_phase_check" check ("phase" in ('NURSERY', 'PRIMARY', 'MIDDLE_DEEMED_PRIMARY', 'SECONDARY', 'MIDDLE_DEEMED_SECONDARY', 'SIXTEEN_PLUS', 'ALL_THROUGH', 'NOT_APPLICABLE'));`);
    this.addSql(`alter table "school" add constraint "school_type_group_check" check ("type_group" in ('LA_MAINTAINED', 'ACADEMY', 'FREE_SCHOOL', 'SPECIAL', 'INDEPENDENT', 'COLLEGE', 'OTHER'));`);
    this.addSql(`alter table "school" add constraint "school_status_check" check ("status" in ('OPEN', 'CLOSED', 'OPEN_PROPOSED_TO_CLOSE', 'PROPOSED_TO_OPEN'));`);
    this.addSql(`alter table "school" add constraint "school_ofsted_rating_check" check ("ofsted_rating" in ('OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'SERIOUS_WEAKNESSES', 'SPECIAL_MEASURES', 'INADEQUATE', 'NOT_INSPECTED'));`);

    this.addSql(`create table "network_member" ("network_id" varchar(255) not null, "urn" varchar(12) not null, primary key ("network_id", "urn"));`);
    this.addSql(`create index "network_member_urn_index" on "network_member" ("urn");`);

    this.addSql(`create table "support_episode" ("id" varchar(255) not null, "supported_urn" varchar(12) not null, "supporting_urn" varchar(12) null, "support_type" text not null, "category" text not null, "started_on" date not null, "ended_on" date null, primary key ("id"));`);
    this.addSql(`create index "support_episode_supported_urn_index" on "support_episode" ("supported_urn");`);
    this.addSql(`create index "support_episode_supporting_urn_index" on "support_episode" ("supporting_urn");`);
    this.addSql(`alter table "support_episode" add constraint "support_episode_support_type_check" check ("support_type" in ('NLE', 'LLE', 'SLE', 'LA_ADVISER', 'CONSULTANT_HEAD', 'SCHOOL_TWINNING'));`);
    this.addSql(`alter table "support_episode" add constraint "support_episode_category_check" check ("category" in ('SERIOUS_WEAKNESSES', 'REQUIRES_IMPROVEMENT', 'COASTING', 'LEADERSHIP_CAPACITY'));`);

    this.addSql(`alter table "local_authority" add constraint "local_authority_region_code_foreign" foreign key ("region_code") references "region" ("code");`);

    this.addSql(`alter table "network" add constraint "network_la_code_foreign" foreign key ("la_code") references "local_authority" ("code");`);

    this.addSql(`alter table "school" add constraint "school_la_code_foreign" foreign key ("la_code") references "local_authority" ("code");`);

    this.addSql(`alter table "network_member" add constraint "network_member_network_id_foreign" foreign key ("network_id") references "network" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "network_member" add constraint "network_member_urn_foreign" foreign key ("urn") references "school" ("urn") on update cascade on delete cascade;`);

    this.addSql(`alter table "support_episode" add constraint "support_episode_supported_urn_foreign" foreign key ("supported_urn") references "school" ("urn");`);
    this.addSql(`alter table "support_episode" add constraint "support_episode_supporting_urn_foreign" foreign key ("supporting_urn") references "school" ("urn") on delete set null;`);
  }

}
