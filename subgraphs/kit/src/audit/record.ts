import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '../auth/identity.ts';
import { AuditEntry } from './audit-entry.entity.ts';

export interface AuditChange {
  readonly operation: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly organisation: string | null;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

/** Records a change in the same transaction as the change itself (so a rejected write leaves no entry either). */
export function recordAudit(em: EntityManager, identity: Identity, source: 'GRAPHQL' | 'IMPORT', change: AuditChange): void {
  em.create(AuditEntry, {
    actorSubject: identity.subject,
    actorOrganisation: identity.organisation,
    actorRoles: identity.roles.join(','),
    source,
    ...change,
  } as never);
}

/** A plain copy of an entity's scalar fields, for the audit's before/after. */
export function snapshot(entity: object | null): Record<string, unknown> | null {
  if (!entity) return null;
  return JSON.parse(JSON.stringify(entity, (_k, v) => (typeof v === 'bigint' ? String(v) : v))) as Record<string, unknown>;
}
