import { forbidden, unauthenticated } from '@tdg/kit/auth/access';
import { type Identity, hasRole } from '@tdg/kit/auth/identity';
import type { FileSpec } from '@tdg/kit/load/spec';
import { type InputProblem, type InputRule, badInputProblems, validateInput } from '@tdg/kit/write/validate-input';
import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { TeachingSchoolHub } from './hub/hub.entity.ts';

/** Input field names of a mutation → the CSV headers of the import file whose rules they share. */
export type ColumnsOf = Readonly<Record<string, string>>;

/** The path of a field in a problem: `input.trn` for an input object, the argument name itself for arguments. */
const fieldPath = (path: string, name: string): string => (path === '' ? name : `${path}.${name}`);

/** Validation rules of a mutation's fields, taken from the import file's columns (the same parsers, the same required). */
export function inputRules(file: FileSpec, columns: ColumnsOf): Record<string, InputRule> {
  return Object.fromEntries(
    Object.entries(columns).map(([name, header]) => {
      const column = file.columns.find((c) => c.header === header);
      if (!column) throw new Error(`${file.file} has no column ${header}`);
      return [name, { parse: column.parse, required: column.required ?? false }];
    }),
  );
}

/**
 * Problems of the import file's cross-field check on a write: the values renamed to the file's headers (with `known`
 * adding values the input does not carry, e.g. the stored start date), each problem renamed back to its field path.
 */
export function checkProblems(
  check: (values: Record<string, unknown>) => { column: string; reason: string }[],
  columns: ColumnsOf,
  values: Record<string, unknown>,
  known: Record<string, unknown>,
  path: string,
): InputProblem[] {
  const byHeader: Record<string, unknown> = { ...known };
  for (const [name, header] of Object.entries(columns)) byHeader[header] = values[name] ?? null;
  const nameOf = new Map(Object.entries(columns).map(([name, header]) => [header, name]));
  return check(byHeader).map((p) => ({ field: fieldPath(path, nameOf.get(p.column) ?? p.column), reason: p.reason }));
}

/**
 * `validateInput` for a mutation's arguments (not an input object): problems name the argument itself (`finishedOn`).
 */
export function validateArgs<T extends Record<string, unknown>>(
  args: Record<string, unknown>,
  rules: Record<string, InputRule>,
  check?: (values: Record<string, unknown>) => InputProblem[],
): T {
  try {
    return validateInput<T>(args, rules, 'args', check);
  } catch (error) {
    const problems = (error as GraphQLError).extensions?.problems as InputProblem[] | undefined;
    if (!(error instanceof GraphQLError) || !problems) throw error;
    throw badInputProblems(problems.map((p) => ({ ...p, field: p.field.replace(/^args\./, '') })));
  }
}

/** BAD_USER_INPUT for one field. */
export const badField = (field: string, reason: string): GraphQLError => badInputProblems([{ field, reason }]);

/**
 * Writes by id need a writer before the record (and so its hub) is known: administrators and the staff of some
 * Teaching School Hub; anyone else is refused at once (the record's own hub is checked with `assertCanWrite` after).
 */
export function assertHubWriter(identity: Identity | null, what: string): Identity {
  if (!identity) throw unauthenticated(what);
  if (hasRole(identity, 'ADMIN')) return identity;
  if (hasRole(identity, 'ORG_STAFF') && identity.organisation?.startsWith('tsh:')) return identity;
  throw forbidden(`Only a Teaching School Hub's staff or an administrator may change ${what}`);
}

/** BAD_USER_INPUT on `field` unless the subgraph holds the hub. */
export async function assertHubExists(em: EntityManager, hubId: string, field: string): Promise<void> {
  if (!(await em.findOne(TeachingSchoolHub, hubId))) throw badField(field, `no Teaching School Hub "${hubId}" in this subgraph`);
}

/** Differences of a stored record from a retried create: one problem per field whose value differs. */
export function conflicts(kind: string, id: string, stored: Record<string, unknown>, given: Record<string, unknown>, path: string): InputProblem[] {
  return Object.keys(stored)
    .filter((name) => (stored[name] ?? null) !== (given[name] ?? null))
    .map((name) => ({
      field: fieldPath(path, name),
      reason: `${kind} ${id} already exists with ${name} ${JSON.stringify(stored[name] ?? null)}; a retry must repeat the same data`,
    }));
}

/**
 * Runs a create-or-return write in one transaction; when a concurrent identical create won the race (the natural key
 * is taken between the check and the insert), runs it once more, which then finds and returns that record.
 */
export async function createOnce<T>(em: EntityManager, write: (tx: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await em.transactional(write);
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    return em.transactional(write);
  }
}
