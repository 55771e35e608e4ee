import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { type Identity, hasRole } from '../auth/identity.ts';
import { badInput } from '../errors.ts';
import { AuditEntry } from './audit-entry.entity.ts';

/** Most entries one request may read. */
export const MAX_AUDIT_ENTRIES = 500;

/** An audit entry as the GraphQL `AuditEntry` type shows it (the same in every subgraph's SDL). */
export interface AuditEntryView {
  readonly id: string;
  readonly at: string;
  readonly actorSubject: string;
  readonly actorOrganisation: string | null;
  readonly actorRoles: string[];
  readonly source: 'GRAPHQL' | 'IMPORT';
  readonly operation: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly organisation: string | null;
  readonly before: string | null;
  readonly after: string | null;
}

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/** An audit row as the schema shows it: `at` in ISO 8601, roles as a list, before/after as JSON text. */
export const auditEntryView = (e: AuditEntry): AuditEntryView => ({
  id: String(e.id),
  at: new Date(e.at).toISOString(),
  actorSubject: e.actorSubject,
  actorOrganisation: e.actorOrganisation ?? null,
  actorRoles: (e.actorRoles ?? '').split(',').filter((r) => r !== ''),
  source: e.source,
  operation: e.operation,
  entityType: e.entityType,
  entityId: e.entityId,
  organisation: e.organisation ?? null,
  before: json(e.before),
  after: json(e.after),
});

/**
 * A subgraph's `<name>AuditLog(first, entityType)` root field: newest first, at most `first` (default 50, 1 to
 * MAX_AUDIT_ENTRIES, BAD_USER_INPUT otherwise). `@access(rule: PERSONAL)` admits only organisation staff and
 * administrators: administrators read every entry, staff the entries about their own organisation's records (bulk
 * loads, owned by no organisation, are for an administrator to read).
 */
export async function readAuditLog(
  { em, identity }: { readonly em: EntityManager; readonly identity: Identity | null },
  { first, entityType }: { readonly first?: number | null; readonly entityType?: string | null },
): Promise<AuditEntryView[]> {
  const limit = first ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_ENTRIES) throw badInput(`first must be between 1 and ${MAX_AUDIT_ENTRIES}`, 'first');
  const where: FilterQuery<AuditEntry> = {};
  if (!hasRole(identity, 'ADMIN')) {
    // Without an organisation there is nothing of theirs.
    if (!identity?.organisation) return [];
    where.organisation = identity.organisation;
  }
  if (entityType) where.entityType = entityType;
  const rows = await em.find(AuditEntry, where, { orderBy: [{ at: 'desc' }, { id: 'desc' }], limit });
  return rows.map(auditEntryView);
}
