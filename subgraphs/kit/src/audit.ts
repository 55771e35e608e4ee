/**
 * `@tdg/kit/audit` — the audit trail every subgraph keeps in its own database (`audit_entry`): every write and every
 * load records who, when and what in the same transaction. The server's `GET /data-version` is read from it, so a
 * subgraph's first migration creates the table (`AUDIT_ENTRY_TABLE_SQL`).
 */
export { AuditEntry, AuditEntrySchema } from './audit/audit-entry.entity.ts';
export { type AuditEntryView, auditEntryView, readAuditLog } from './audit/audit-log.ts';
export { type AuditChange, recordAudit, snapshot } from './audit/record.ts';

/** The statements that create the `audit_entry` table, for a subgraph's first migration (`this.addSql(…)` each). */
export const AUDIT_ENTRY_TABLE_SQL: readonly string[] = [
  `create table "audit_entry" ("id" bigserial primary key, "at" timestamptz not null, "actor_subject" varchar(255) not null, "actor_organisation" varchar(255) null, "actor_roles" varchar(255) not null, "source" text not null, "operation" varchar(255) not null, "entity_type" varchar(255) not null, "entity_id" varchar(255) not null, "organisation" varchar(255) null, "before" jsonb null, "after" jsonb null);`,
  `create index "audit_entry_organisation_at_index" on "audit_entry" ("organisation", "at");`,
  `create index "audit_entry_entity_type_entity_id_index" on "audit_entry" ("entity_type", "entity_id");`,
  `alter table "audit_entry" add constraint "audit_entry_source_check" check ("source" in ('GRAPHQL', 'IMPORT'));`,
];
