import { AuditEntry } from '@tdg/kit/audit/audit-entry.entity';
import { hasRole } from '@tdg/kit/auth/identity';
import { badInput } from '@tdg/kit/errors';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { AuditEntry as AuditEntryModel, Resolvers } from '../../generated/resolvers-types.ts';

/** Most entries one request may read. */
export const MAX_AUDIT_ENTRIES = 500;

/** An audit row as the `AuditEntry` type shows it: before/after as JSON text, roles as a list, `at` in ISO 8601. */
export function auditEntryModel(entry: AuditEntry): AuditEntryModel {
  return {
    id: String(entry.id),
    at: new Date(entry.at).toISOString(),
    actorSubject: entry.actorSubject,
    actorOrganisation: entry.actorOrganisation ?? null,
    actorRoles: entry.actorRoles ? entry.actorRoles.split(',') : [],
    source: entry.source,
    operation: entry.operation,
    entityType: entry.entityType,
    entityId: entry.entityId,
    organisation: entry.organisation ?? null,
    before: entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
  };
}

export const auditResolvers: Resolvers = {
  Query: {
    /**
     * Newest first. `@access(rule: PERSONAL)` lets only organisation staff and administrators in; administrators read
     * every entry, staff those about their own organisation's records (bulk loads, owned by no organisation, are theirs
     * to ask an administrator for).
     */
    curriculumHubsAuditLog: async (_, { first, entityType }, { em, identity }) => {
      const limit = first ?? 50;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_ENTRIES) throw badInput(`first must be between 1 and ${MAX_AUDIT_ENTRIES}`, 'first');
      const where: FilterQuery<AuditEntry> = {};
      if (!hasRole(identity, 'ADMIN')) where.organisation = identity?.organisation ?? '';
      if (entityType !== null && entityType !== undefined) where.entityType = entityType;
      const rows = await em.find(AuditEntry, where, { orderBy: { id: 'desc' }, limit });
      return rows.map(auditEntryModel);
    },
  },
};
