import { Migration } from '@mikro-orm/migrations';
import { AUDIT_ENTRY_TABLE_SQL } from '@tdg/kit/audit/audit-entry.entity';

/** The research-schools subgraph's first tables: `research_school` and the audit trail every subgraph keeps. */
export class Migration20261207184855 extends Migration {

  override name = 'Migration20261207184855';

  override up(): void | Promise<void> {
    this.addSql(`create table "research_school" ("id" varchar(255) not null, "name" varchar(255) not null, "lead_school_urn" varchar(12) null, "la_code" varchar(3) not null, primary key ("id"));`);
    this.addSql(`create index "research_school_lead_school_urn_index" on "research_school" ("lead_school_urn");`);
    this.addSql(`create index "research_school_la_code_index" on "research_school" ("la_code");`);

    for (const sql of AUDIT_ENTRY_TABLE_SQL) this.addSql(sql);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_entry" cascade;`);
    this.addSql(`drop table if exists "research_school" cascade;`);
  }

}
