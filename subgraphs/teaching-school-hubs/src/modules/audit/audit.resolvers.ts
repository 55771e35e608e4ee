import { AuditEntry } from '@tdg/kit/audit/audit-entry.entity';
import { hasRole } from '@tdg/kit/auth/identity';
import { badInput } from '@tdg/kit/errors';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { AuditEntry as AuditEntryType, Resolvers } from '../../generated/resolvers-types.ts';

/** Most entries one request may ask for. */
export const MAX_AUDIT_ENTRIES = 500;

const json = (value: Record<string, unknown> | null | undefined): string | null => (value == null ? null : JSON.stringify(value));

/** An audit row as the GraphQL type shows it: ISO time, roles as a list, before/after as JSON text. */
export const auditEntryOf = (e: AuditEntry): AuditEntryType => ({
  id: String(e.id),
  at: new Date(e.at).toISOString(),
  actorSubject: e.actorSubject,
  actorOrganisation: e.actorOrganisation ?? null,
  actorRoles: e.actorRoles === '' ? [] : e.actorRoles.split(','),
  source: e.source,
  operation: e.operation,
  entityType: e.entityType,
  entityId: e.entityId,
  organisation: e.organisation ?? null,
  before: json(e.before),
  after: json(e.after),
});

export const auditResolvers: Resolvers = {
  Query: {
    /**
     * Newest first. `@access(rule: PERSONAL)` admits only organisation staff and administrators; administrators see
     * every entry, staff the entries whose records belong to their organisation (never bulk loads, which belong to none).
     */
    teachingSchoolHubsAuditLog: async (_, { first, entityType }, { em, identity }) => {
      const limit = first ?? 50;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_ENTRIES) {
        throw badInput(`first must be between 1 and ${MAX_AUDIT_ENTRIES}`, 'first');
      }
      const where: FilterQuery<AuditEntry> = {};
      if (!hasRole(identity, 'ADMIN')) {
        if (!identity?.organisation) return [];
        where.organisation = identity.organisation;
      }
      if (entityType) where.entityType = entityType;
      const rows = await em.find(AuditEntry, where, { orderBy: { at: 'desc', id: 'desc' }, limit });
      return rows.map(auditEntryOf);
    },
  },
};
