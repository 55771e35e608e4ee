import { Migration } from '@mikro-orm/migrations';

export class Migration20261125091721 extends Migration {

  override name = 'Migration20261125091721';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_entry" ("id" bigserial primary key, "at" timestamptz not null, "actor_subject" varchar(255) not null, "actor_organisation" varchar(255) null, "actor_roles" varchar(255) not null, "source" text not null, "operation" varchar(255) not null, "entity_type" varchar(255) not null, "entity_id" varchar(255) not null, "organisation" varchar(255) null, "before" jsonb null, "after" jsonb null);`);
    this.addSql(`create index "audit_entry_organisation_at_index" on "audit_entry" ("organisation", "at");`);
    this.addSql(`create index "audit_entry_entity_type_entity_id_index" on "audit_entry" ("entity_type", "entity_id");`);

    this.addSql(`alter table "audit_entry" add constraint "audit_entry_source_check" check ("source" in ('GRAPHQL', 'IMPORT'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_entry" cascade;`);
  }

}
