import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { forbidden, unauthenticated } from '@tdg/kit/auth/access';
import { type Identity, hasRole, organisationId } from '@tdg/kit/auth/identity';
import { assertCanWrite } from '@tdg/kit/auth/write-access';
import type { Context } from '../context.ts';

/** The organisation owning an LA's records: `la:<code>`. */
export const laOrganisation = (laCode: string): string => organisationId('la', laCode);

/**
 * Who may write to this subgraph at all: administrators and local-authority staff. Checked before the input, so that
 * analysts and other organisations' staff are refused (FORBIDDEN) whatever they send; the owning LA is checked once
 * the record is known (`assertCanWriteLa`).
 */
export function assertLaWriter(identity: Identity | null, what: string): Identity {
  if (!identity) throw unauthenticated(what);
  if (hasRole(identity, 'ADMIN')) return identity;
  if (hasRole(identity, 'ORG_STAFF') && identity.organisation?.startsWith('la:')) return identity;
  throw forbidden(`Only local-authority staff or an administrator may change ${what}`);
}

/** The owning LA's staff or an administrator (FORBIDDEN otherwise). */
export const assertCanWriteLa = (identity: Identity | null, laCode: string, what: string): Identity =>
  assertCanWrite(identity, laOrganisation(laCode), what);

/**
 * Runs a write and its audit entry in one transaction on a clean fork of the request's EntityManager (a thrown error
 * rolls everything back). Two concurrent first writes of the same natural key collide on the primary key: the loser
 * runs once more and finds the winner's record (the idempotent path). Afterwards the request's identity map and
 * DataLoader caches are dropped, so what the mutation's selection reads is what was committed.
 */
export async function writeTransaction<T>(ctx: Context, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await ctx.em.transactional(work, { clear: true });
      ctx.em.clear();
      for (const loader of Object.values(ctx.loaders)) loader.clearAll();
      return result;
    } catch (error) {
      if (attempt < 2 && error instanceof UniqueConstraintViolationException) continue;
      throw error;
    }
  }
}

/** The fields whose values differ between two plain records. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}
