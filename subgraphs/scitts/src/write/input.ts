import type { FileSpec } from '@tdg/kit/load/spec';
import { type InputProblem, type InputRule, badInputProblems, validateInput } from '@tdg/kit/write/validate-input';
import { GraphQLError } from 'graphql';

/**
 * How a mutation's input fields correspond to the columns of the CSV file holding the same records (input field name →
 * header), so that a write and a load parse the same values with the same parsers and apply the same checks.
 */
export type ColumnsOf = Readonly<Record<string, string>>;

/** The path of an input field: `input.trn` for a field of an input object, `trn` for an argument. */
export const fieldPath = (path: string, name: string): string => (path ? `${path}.${name}` : name);

/**
 * Input rules from the file's columns: the column's parser and, unless `required` lists the required fields itself,
 * whether the column is required.
 */
export function rulesFromColumns(file: FileSpec, fields: ColumnsOf, required?: readonly string[]): Record<string, InputRule> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, header]) => {
      const column = file.columns.find((c) => c.header === header);
      if (!column) throw new Error(`${file.file} has no column ${header}`);
      return [name, { parse: column.parse, required: required ? required.includes(name) : column.required }];
    }),
  );
}

/** Values (by input field name) as a row of the file (by header), as the load's checks see it: empty is `null`. */
export function asRow(values: Record<string, unknown>, fields: ColumnsOf): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([name, header]) => [header, values[name] ?? null]));
}

/** Runs the file's check over a whole row and names each problem by the input field of its column. */
export function rowProblems(file: FileSpec, row: Record<string, unknown>, fields: ColumnsOf, path: string): InputProblem[] {
  const nameOf = new Map(Object.entries(fields).map(([name, header]) => [header, name]));
  return (file.check?.(row) ?? []).map((p) => ({ field: fieldPath(path, nameOf.get(p.column) ?? p.column), reason: p.reason }));
}

/** BAD_USER_INPUT for one field. */
export const badField = (field: string, reason: string): GraphQLError => badInputProblems([{ field, reason }]);

/**
 * `validateInput` for a mutation's own arguments (not an input object): problems are named by the argument (`awardedOn`).
 */
export function validateArgs<T extends Record<string, unknown>>(
  args: Record<string, unknown>,
  rules: Record<string, InputRule>,
  check?: (values: Record<string, unknown>) => InputProblem[],
): T {
  try {
    return validateInput<T>(args, rules, '', check);
  } catch (error) {
    const problems = (error as GraphQLError).extensions?.problems as InputProblem[] | undefined;
    if (!(error instanceof GraphQLError) || !problems) throw error;
    throw badInputProblems(problems.map((p) => ({ ...p, field: p.field.replace(/^\./, '') })));
  }
}
