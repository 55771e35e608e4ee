import { GraphQLError } from 'graphql';

/** Stable `extensions.code` values this graph returns, beside Apollo's own (BAD_USER_INPUT, …). */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  Internal: 'INTERNAL_SERVER_ERROR',
  DatabaseUnavailable: 'DATABASE_UNAVAILABLE',
} as const;

/** A client error on one argument: `extensions.code` BAD_USER_INPUT with the argument named. */
export function badInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput, argument } });
}

/** Throws BAD_USER_INPUT unless a number is a plausible academic year (named by its starting year). */
export function assertAcademicYear(value: number | null | undefined, argument: string): void {
  if (value === null || value === undefined) return;
  if (!Number.isInteger(value) || value < 1990 || value > 2100) {
    throw badInput(`${argument} must be an academic year named by its starting year, e.g. 2024 for 2024/25`, argument);
  }
}

/** Throws BAD_USER_INPUT unless `from <= to`. */
export function assertYearSpan(fromYear: number, toYear: number): void {
  assertAcademicYear(fromYear, 'fromYear');
  assertAcademicYear(toYear, 'toYear');
  if (fromYear > toYear) throw badInput('fromYear must not be after toYear', 'fromYear');
}
