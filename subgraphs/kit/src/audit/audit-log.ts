import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { type Identity, hasRole } from '../auth/identity.ts';
import { pageSize } from '../page-size.ts';
import { AuditEntry } from './audit-entry.entity.ts';

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
 * its cap: the SDL's @listSize(assumedSize:), BAD_USER_INPUT otherwise). `@access(rule: PERSONAL)` admits only organisation staff and
 * administrators: administrators read every entry, staff the entries about their own organisation's records (bulk
 * loads, owned by no organisation, are for an administrator to read).
 */
export async function readAuditLog(
  { em, identity }: { readonly em: EntityManager; readonly identity: Identity | null },
  { first, entityType }: { readonly first?: number | null; readonly entityType?: string | null },
  field: `Query.${string}AuditLog`,
): Promise<AuditEntryView[]> {
  const limit = pageSize(`${field}(first:)`, first, { defaultValue: 50, min: 1, hint: 'narrow it with entityType' });
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
