import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { forbidden, unauthenticated } from '@tdg/kit/auth/access';
import { type Identity, hasRole } from '@tdg/kit/auth/identity';
import { assertCanWrite } from '@tdg/kit/auth/write-access';
import type { ColumnSpec } from '@tdg/kit/load/spec';
import { type InputProblem, type InputRule, badInputProblems, validateInput } from '@tdg/kit/write/validate-input';
import { GraphQLError } from 'graphql';
import { hubOrganisation } from './access.ts';
import type { Context } from './context.ts';

/**
 * What mutations of this subgraph share: input rules taken from the CSV import spec (so a write and a load accept the
 * same values), the write check for records whose hub is not known yet, a retry on a concurrent insert of the same key,
 * and a fresh read after a write.
 */

/** The input rule of a CSV column: the same parser, and required as the column is (unless said otherwise). */
export function ruleOf(columns: readonly ColumnSpec[], header: string, required?: boolean): InputRule {
  const column = columns.find((c) => c.header === header);
  if (!column) throw new Error(`no column ${header}`);
  return { parse: column.parse, required: required ?? column.required ?? false };
}

/** `validateInput` for a mutation's own arguments: each problem names the argument itself (`urn`, not `input.urn`). */
export function validateArguments<T extends Record<string, unknown>>(args: Record<string, unknown>, rules: Record<string, InputRule>): T {
  try {
    return validateInput<T>(args, rules, 'args');
  } catch (error) {
    const problems = error instanceof GraphQLError ? (error.extensions.problems as InputProblem[] | undefined) : undefined;
    if (!problems) throw error;
    throw badInputProblems(problems.map((p) => ({ ...p, field: p.field.replace(/^args\./, '') })));
  }
}

/** BAD_USER_INPUT for one field. */
export const badField = (field: string, reason: string): GraphQLError => badInputProblems([{ field, reason }]);

/**
 * Who may change a hub's records: its staff and administrators. `hubId` null (the record named does not exist, so its
 * hub is unknown): anonymous callers are UNAUTHENTICATED, and anyone but an administrator or a curriculum hub's staff
 * FORBIDDEN, before the input is looked at; the others then get BAD_USER_INPUT for the unknown record.
 */
export function assertCanWriteHub(identity: Identity | null, hubId: string | null, what: string): Identity {
  if (hubId !== null) return assertCanWrite(identity, hubOrganisation(hubId), what);
  if (!identity) throw unauthenticated(what);
  if (hasRole(identity, 'ADMIN') || (hasRole(identity, 'ORG_STAFF') && identity.organisation?.startsWith('hub:'))) return identity;
  throw forbidden(`Only a curriculum hub's staff or an administrator may change ${what}`);
}

/**
 * Runs a write transaction, and once more if it lost a race to insert the same key (a retry sent while the first
 * attempt was still running): the second run finds the row and answers as a repeat.
 */
export async function retryOnConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) return write();
    throw error;
  }
}

/** After a write: forget what this request read before it (identity map, DataLoader caches), so the answer is fresh. */
export function forgetReads(ctx: Context): void {
  ctx.em.clear();
  for (const loader of Object.values(ctx.loaders)) loader.clearAll();
}

/** Names of the fields whose values differ (the snapshots of this subgraph hold scalars only). */
export function changedFields<T extends object>(before: T, after: T): string[] {
  return (Object.keys(after) as (keyof T & string)[]).filter((k) => before[k] !== after[k]);
}
