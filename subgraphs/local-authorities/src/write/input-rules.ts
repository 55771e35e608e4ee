import { FieldError, type FieldParser } from '@tdg/kit/load/fields';
import type { FileSpec } from '@tdg/kit/load/spec';
import { type InputProblem, type InputRule, badInputProblems } from '@tdg/kit/write/validate-input';
import { FILES } from '../load/import-spec.ts';

/**
 * Mutation inputs are validated with the rules of the CSV load (src/load/import-spec.ts): each input field names the
 * column whose parser, required flag and cross-field check it shares, so a write and a load accept the same values.
 */
export type ColumnMap = Readonly<Record<string, string>>;

export function fileSpec(file: string): FileSpec {
  const spec = FILES.find((f) => f.file === file);
  if (!spec) throw new Error(`no file ${file} in the import spec`);
  return spec;
}

/** The parser of one column of a file. */
export function columnParser(file: string, header: string): FieldParser<unknown> {
  const column = fileSpec(file).columns.find((c) => c.header === header);
  if (!column) throw new Error(`${file} has no column ${header}`);
  return column.parse;
}

/** Input rules (parser, required) for input fields named after columns of a file: `{ inputField: 'column_header' }`. */
export function inputRules(file: string, columns: ColumnMap, options: { allOptional?: boolean } = {}): Record<string, InputRule> {
  const spec = fileSpec(file);
  return Object.fromEntries(
    Object.entries(columns).map(([field, header]) => {
      const column = spec.columns.find((c) => c.header === header);
      if (!column) throw new Error(`${file} has no column ${header}`);
      return [field, { parse: column.parse, required: !options.allOptional && column.required }];
    }),
  );
}

/**
 * The file's cross-field check (date order, …) over input values: values are passed as the row the CSV would hold
 * (missing ones as null) and the problems come back with input field paths (`input.endedOn`).
 */
export function fileCheck(file: string, columns: ColumnMap, path = 'input'): (values: Record<string, unknown>) => InputProblem[] {
  const spec = fileSpec(file);
  const fieldOf = new Map(Object.entries(columns).map(([field, header]) => [header, field]));
  return (values) => {
    if (!spec.check) return [];
    const row = Object.fromEntries(Object.entries(columns).map(([field, header]) => [header, values[field] ?? null]));
    return spec.check(row).map((p) => ({ field: fieldPath(path, fieldOf.get(p.column) ?? p.column), reason: p.reason }));
  };
}

const fieldPath = (path: string, field: string) => (path ? `${path}.${field}` : field);

/**
 * Validates a mutation's top-level arguments (not an input object): the same parsers, problems named by argument
 * (`urn`, `endedOn`). Throws BAD_USER_INPUT listing every problem.
 */
export function validateArguments<T extends Record<string, unknown>>(args: Record<string, unknown>, rules: Record<string, FieldParser<unknown>>): T {
  const problems: InputProblem[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, parse] of Object.entries(rules)) {
    const raw = args[name];
    if (raw === undefined || raw === null || raw === '') {
      problems.push({ field: name, reason: 'required value missing' });
      continue;
    }
    try {
      values[name] = parse(String(raw));
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      problems.push({ field: name, reason: error.message });
    }
  }
  if (problems.length > 0) throw badInputProblems(problems);
  return values as T;
}

/** BAD_USER_INPUT for one field (a reference that does not exist, a conflicting repeat). */
export const badField = (field: string, reason: string) => badInputProblems([{ field, reason }]);
