import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors.ts';

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '3D000']);

/**
 * Gives every error a stable `extensions.code`: database outages become DATABASE_UNAVAILABLE, and in production an
 * unexpected error says only that it happened (no SQL, no stack, no internal message).
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
  return formatted;
}
