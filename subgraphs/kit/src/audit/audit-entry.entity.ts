import { defineEntity, p } from '@mikro-orm/core';

/**
 * One change to a subgraph's records: who (identity), when, what (entity and id, before and after), through which
 * way in (a GraphQL mutation or a bulk import). Every subgraph keeps its own audit table in its own database.
 */
export const AuditEntrySchema = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_entry',
  indexes: [{ properties: ['organisation', 'at'] }, { properties: ['entityType', 'entityId'] }],
  properties: {
    id: p.bigint().primary().autoincrement(),
    at: p.datetime().onCreate(() => new Date()),
    actorSubject: p.string(),
    actorOrganisation: p.string().nullable(),
    actorRoles: p.string(),
    source: p.enum(['GRAPHQL', 'IMPORT']),
    operation: p.string(),
    entityType: p.string(),
    entityId: p.string(),
    /** Organisation owning the changed record (filters what staff may read back). */
    organisation: p.string().nullable(),
    before: p.json<Record<string, unknown>>().nullable(),
    after: p.json<Record<string, unknown>>().nullable(),
  },
});
export class AuditEntry extends AuditEntrySchema.class {}
AuditEntrySchema.setClass(AuditEntry);

/**
 * The statements that create the `audit_entry` table, as every subgraph's first migration runs them (the same SQL
 * MikroORM writes for the entity above): a new subgraph's migration adds them with `addSql` instead of a copy.
 */
export const AUDIT_ENTRY_TABLE_SQL: readonly string[] = [
  `create table "audit_entry" ("id" bigserial primary key, "at" timestamptz not null, "actor_subject" varchar(255) not null, "actor_organisation" varchar(255) null, "actor_roles" varchar(255) not null, "source" text not null, "operation" varchar(255) not null, "entity_type" varchar(255) not null, "entity_id" varchar(255) not null, "organisation" varchar(255) null, "before" jsonb null, "after" jsonb null);`,
  `create index "audit_entry_organisation_at_index" on "audit_entry" ("organisation", "at");`,
  `create index "audit_entry_entity_type_entity_id_index" on "audit_entry" ("entity_type", "entity_id");`,
  `alter table "audit_entry" add constraint "audit_entry_source_check" check ("source" in ('GRAPHQL', 'IMPORT'));`,
];
