import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors.ts';

/** Codes of a database that cannot be reached or is going away (Node's socket errors, PostgreSQL's SQLSTATE). */
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '3D000', '08000', '08001', '08003', '08006']);
/** The same when the driver gives no code (the server closed the connection under a query). */
const CONNECTION_MESSAGES = /Connection terminated|connection (is )?closed|Client has encountered a connection error|timeout exceeded when trying to connect/i;

/** A database outage, whatever layer (pg, MikroORM) reported it. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: string; message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth += 1) {
    if (e.code && CONNECTION_ERRORS.has(e.code)) return true;
    if (e.message && CONNECTION_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** What a caller is told when the subgraph's database is unavailable: every write runs in one transaction. */
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database of this subgraph is unavailable: nothing was written; try again shortly';

/**
 * The input path GraphQL names in a message when it rejects a variable before any resolver runs, e.g.
 * `Variable "$input" got invalid value "X" at "input.route"; Value "X" does not exist in "TrainingRoute" enum.`
 */
export function fieldOfMessage(message: string): string | null {
  return /\bat "([^"]+)"/.exec(message)?.[1] ?? null;
}

/**
 * Gives every error a stable `extensions.code`: database outages become DATABASE_UNAVAILABLE, and in production an
 * unexpected error says only that it happened (no SQL, no stack, no internal message). BAD_USER_INPUT without
 * `extensions.field` (GraphQL's own rejection of a variable, e.g. an unknown enum value) gets the field its message
 * names, as the mutations' own validation gives it.
 */
export function formatSubgraphError(formatted: GraphQLFormattedError, error: unknown, production: boolean): GraphQLFormattedError {
  const original = (error as { originalError?: unknown } | undefined)?.originalError;
  const code = formatted.extensions?.code;
  if (original && isDatabaseUnavailable(original)) {
    return { message: DATABASE_UNAVAILABLE_MESSAGE, path: formatted.path, extensions: { code: ErrorCode.DatabaseUnavailable } };
  }
  if (production && (code === undefined || code === ErrorCode.Internal)) {
    return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.Internal } };
  }
  if (code === ErrorCode.BadUserInput && formatted.extensions?.field === undefined) {
    const field = fieldOfMessage(formatted.message);
    if (field !== null) return { ...formatted, extensions: { ...formatted.extensions, field } };
  }
  return formatted;
}
