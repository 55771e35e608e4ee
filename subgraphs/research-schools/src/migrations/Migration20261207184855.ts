import { Migration } from '@mikro-orm/migrations';

/** The research-schools subgraph's first tables: `research_school` and the audit trail every subgraph keeps. */
export class Migration20261207184855 extends Migration {

  override name = 'Migration20261207184855';

  override up(): void | Promise<void> {
    this.addSql(`create table "research_school" ("id" varchar(255) not null, "name" varchar(255) not null, "lead_school_urn" varchar(12) null, "la_code" varchar(3) not null, primary key ("id"));`);
    this.addSql(`create index "research_school_lead_school_urn_index" on "research_school" ("lead_school_urn");`);
    this.addSql(`create index "research_school_la_code_index" on "research_school" ("la_code");`);

    this.addSql(`create table "audit_entry" ("id" bigserial primary key, "at" timestamptz not null, "actor_subject" varchar(255) not null, "actor_organisation" varchar(255) null, "actor_roles" varchar(255) not null, "source" text not null, "operation" varchar(255) not null, "entity_type" varchar(255) not null, "entity_id" varchar(255) not null, "organisation" varchar(255) null, "before" jsonb null, "after" jsonb null);`);
    this.addSql(`create index "audit_entry_organisation_at_index" on "audit_entry" ("organisation", "at");`);
    this.addSql(`create index "audit_entry_entity_type_entity_id_index" on "audit_entry" ("entity_type", "entity_id");`);
    this.addSql(`alter table "audit_entry" add constraint "audit_entry_source_check" check ("source" in ('GRAPHQL', 'IMPORT'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_entry" cascade;`);
    this.addSql(`drop table if exists "research_school" cascade;`);
  }

}
