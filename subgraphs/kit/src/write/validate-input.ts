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

/** A rejected write: BAD_USER_INPUT listing every problem with its field path (e.g. `input.trn`). */
export function badInputProblems(problems: InputProblem[]): GraphQLError {
  return new GraphQLError(`Invalid input: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`, {
    extensions: { code: 'BAD_USER_INPUT', field: problems[0]?.field, problems },
  });
}

/**
 * Validates a mutation's input object field by field (all problems reported together) and returns the parsed values;
 * `check` adds rules across fields (date order, references). Throws BAD_USER_INPUT when anything is wrong.
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
    if (raw === undefined || raw === null || raw === '') {
      if (rule.required) problems.push({ field: `${path}.${name}`, reason: 'required value missing' });
      values[name] = raw === undefined ? undefined : null;
      continue;
    }
    try {
      values[name] = rule.parse(String(raw));
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      problems.push({ field: `${path}.${name}`, reason: error.message });
    }
  }
  if (problems.length === 0 && check) problems.push(...check(values));
  if (problems.length > 0) throw badInputProblems(problems);
  return values as T;
}
