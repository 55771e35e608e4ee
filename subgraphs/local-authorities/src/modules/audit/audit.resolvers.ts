import { AuditEntry } from '@tdg/kit/audit/audit-entry.entity';
import { hasRole } from '@tdg/kit/auth/identity';
import { badInput } from '@tdg/kit/errors';
import type { AuditEntry as AuditEntryType, Resolvers } from '../../generated/resolvers-types.ts';

export const MAX_AUDIT_ENTRIES = 500;

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/** An audit row as the GraphQL `AuditEntry`: times in ISO 8601, before/after as JSON text, roles as a list. */
export function auditEntry(e: AuditEntry): AuditEntryType {
  return {
    id: String(e.id),
    at: new Date(e.at).toISOString(),
    actorSubject: e.actorSubject,
    actorOrganisation: e.actorOrganisation ?? null,
    actorRoles: e.actorRoles ? e.actorRoles.split(',') : [],
    source: e.source,
    operation: e.operation,
    entityType: e.entityType,
    entityId: e.entityId,
    organisation: e.organisation ?? null,
    before: json(e.before),
    after: json(e.after),
  };
}

export const auditResolvers: Resolvers = {
  Query: {
    /** Newest first; administrators read every entry, an LA's staff the entries about their LA's records. */
    localAuthoritiesAuditLog: async (_, { first, entityType }, { em, identity }) => {
      const limit = first ?? 50;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_ENTRIES) throw badInput(`first must be between 1 and ${MAX_AUDIT_ENTRIES}`, 'first');
      const where: Record<string, unknown> = {};
      if (!hasRole(identity, 'ADMIN')) {
        // The PERSONAL rule let through only organisation staff; without an organisation there is nothing of theirs.
        if (!identity?.organisation) return [];
        where.organisation = identity.organisation;
      }
      if (entityType) where.entityType = entityType;
      const rows = await em.find(AuditEntry, where, { orderBy: [{ at: 'desc' }, { id: 'desc' }], limit });
      return rows.map(auditEntry);
    },
  },
};
