import { GraphQLError } from 'graphql';
import { type FieldParser, FieldError } from '../load/fields.ts';

/** One input field's rule: the same parsers the CSV loader uses, so a write and a load accept the same values. */
export interface InputRule {
  readonly parse: FieldParser<unknown>;
  readonly required?: boolean;
}

export interface InputProblem {
  readonly field: string;
  readonly reason: string;
}

/** The path of an input field in a problem: `input.trn` for a field of an input object, `trn` (path `''`) for an argument. */
export const fieldPath = (path: string, name: string): string => (path ? `${path}.${name}` : name);

/** Whether an input value is missing: left out, null, or (as an empty or blank CSV cell) text of white space only. */
export const isMissing = (raw: unknown): raw is undefined | null | string => raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');

/** A rejected write: BAD_USER_INPUT listing every problem with its field path (e.g. `input.trn`). */
export function badInputProblems(problems: InputProblem[]): GraphQLError {
  return new GraphQLError(`Invalid input: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`, {
    extensions: { code: 'BAD_USER_INPUT', field: problems[0]?.field, problems },
  });
}

/** BAD_USER_INPUT for one field (a reference that does not exist, a conflicting repeat, …). */
export const badField = (field: string, reason: string): GraphQLError => badInputProblems([{ field, reason }]);

/**
 * Validates a mutation's input field by field (all problems reported together) and returns the parsed values; `check`
 * adds rules across fields (date order, references). A missing value (see `isMissing`) is `undefined` when left out
 * and `null` otherwise. Problems are named `<path>.<field>`; with `path` `''`, by the field alone, as for a mutation's
 * own arguments. Throws BAD_USER_INPUT when anything is wrong.
 */
export function validateInput<T extends Record<string, unknown>>(
  input: Record<string, unknown>,
  rules: Record<string, InputRule>,
  path = 'input',
  check?: (values: Record<string, unknown>) => InputProblem[],
): T {
  const problems: InputProblem[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(rules)) {
    const raw = input[name];
    if (isMissing(raw)) {
      if (rule.required) problems.push({ field: fieldPath(path, name), reason: 'required value missing' });
      values[name] = raw === undefined ? undefined : null;
      continue;
    }
    try {
      values[name] = rule.parse(String(raw));
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      problems.push({ field: fieldPath(path, name), reason: error.message });
    }
  }
  if (problems.length === 0 && check) problems.push(...check(values));
  if (problems.length > 0) throw badInputProblems(problems);
  return values as T;
}

/** `validateInput` for a mutation's own arguments (not an input object): each problem names the argument itself (`urn`). */
export const validateArguments = <T extends Record<string, unknown>>(
  args: Record<string, unknown>,
  rules: Record<string, InputRule>,
  check?: (values: Record<string, unknown>) => InputProblem[],
): T => validateInput<T>(args, rules, '', check);
