import type { FilterQuery } from '@mikro-orm/postgresql';
import { AuditEntry } from '@tdg/kit/audit/audit-entry.entity';
import { hasRole } from '@tdg/kit/auth/identity';
import { badInput } from '@tdg/kit/errors';
import type { AuditEntry as AuditEntryType, Resolvers } from '../../generated/resolvers-types.ts';

/** An audit entry as the schema shows it: JSON as text, roles as a list, the time in ISO 8601. */
export const auditEntryOf = (e: AuditEntry): AuditEntryType => ({
  id: String(e.id),
  at: new Date(e.at).toISOString(),
  actorSubject: e.actorSubject,
  actorOrganisation: e.actorOrganisation ?? null,
  actorRoles: e.actorRoles.split(',').filter((r) => r !== ''),
  source: e.source,
  operation: e.operation,
  entityType: e.entityType,
  entityId: e.entityId,
  organisation: e.organisation ?? null,
  before: e.before == null ? null : JSON.stringify(e.before),
  after: e.after == null ? null : JSON.stringify(e.after),
});

export const auditResolvers: Resolvers = {
  Query: {
    /** Administrators read every entry; a SCITT's staff (the only others `@access(rule: PERSONAL)` lets in) their SCITT's. */
    scittsAuditLog: async (_, { first, entityType }, { em, identity }) => {
      const limit = first ?? 50;
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw badInput('first must be between 1 and 500', 'first');
      const where: FilterQuery<AuditEntry> = {};
      if (!hasRole(identity, 'ADMIN')) where.organisation = identity?.organisation ?? '';
      if (entityType) where.entityType = entityType;
      const entries = await em.find(AuditEntry, where, { orderBy: [{ at: 'desc' }, { id: 'desc' }], limit });
      return entries.map(auditEntryOf);
    },
  },
};
