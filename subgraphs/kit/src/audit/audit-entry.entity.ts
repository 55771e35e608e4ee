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
