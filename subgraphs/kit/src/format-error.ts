import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors.ts';

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '3D000']);

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
  const original = (error as { originalError?: { code?: string } } | undefined)?.originalError;
  const code = formatted.extensions?.code;
  if (original?.code && CONNECTION_ERRORS.has(original.code)) {
    return { message: 'The database of this subgraph is unavailable', path: formatted.path, extensions: { code: ErrorCode.DatabaseUnavailable } };
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
