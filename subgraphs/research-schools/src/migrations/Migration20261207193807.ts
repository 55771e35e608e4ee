import { Migration } from '@mikro-orm/migrations';

/**
 * Research programmes and the schools taking part (`research_programme`, `research_participation`), and a research
 * school's designation: research schools loaded before it are Research Schools (the default is dropped afterwards).
 */
export class Migration20261207193807 extends Migration {

  override name = 'Migration20261207193807';

  override up(): void | Promise<void> {
    this.addSql(`create table "research_programme" ("id" varchar(255) not null, "research_school_id" varchar(255) not null, "title" varchar(255) not null, "theme" text not null, "academic_year" int not null, primary key ("id"));`);
    this.addSql(`create index "research_programme_academic_year_index" on "research_programme" ("academic_year");`);
    this.addSql(`create index "research_programme_research_school_id_academic_year_index" on "research_programme" ("research_school_id", "academic_year");`);

    this.addSql(`create table "research_participation" ("programme_id" varchar(255) not null, "urn" varchar(12) not null, "teachers" int not null default 1, primary key ("programme_id", "urn"));`);
    this.addSql(`create index "research_participation_urn_programme_id_index" on "research_participation" ("urn", "programme_id") include ("teachers");`);

    this.addSql(`alter table "research_school" add "designation" text not null default 'RESEARCH_SCHOOL';`);
    this.addSql(`alter table "research_school" alter column "designation" drop default;`);
    this.addSql(`alter table "research_school" add constraint "research_school_designation_check" check ("designation" in ('RESEARCH_SCHOOL', 'ASSOCIATE_RESEARCH_SCHOOL'));`);

    this.addSql(`alter table "research_programme" add constraint "research_programme_research_school_id_foreign" foreign key ("research_school_id") references "research_school" ("id");`);
    this.addSql(`alter table "research_programme" add constraint "research_programme_theme_check" check ("theme" in ('METACOGNITION', 'READING', 'WRITING', 'MATHEMATICS', 'FEEDBACK', 'BEHAVIOUR', 'TEACHING_ASSISTANTS', 'DISADVANTAGE', 'SEND', 'PROFESSIONAL_DEVELOPMENT'));`);

    this.addSql(`alter table "research_participation" add constraint "research_participation_programme_id_foreign" foreign key ("programme_id") references "research_programme" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "research_participation" drop constraint "research_participation_programme_id_foreign";`);

    this.addSql(`drop table if exists "research_programme" cascade;`);
    this.addSql(`drop table if exists "research_participation" cascade;`);

    this.addSql(`alter table "research_school" drop constraint "research_school_designation_check";`);
    this.addSql(`alter table "research_school" drop column "designation";`);
  }

}
