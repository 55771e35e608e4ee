import type { GraphQLFormattedError } from 'graphql';

/** HTTP status of an error code, for an export refused because its result has errors (JSON answers stay 200). */
const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  OPERATION_RESOLUTION_FAILURE: 400,
  PERSISTED_QUERY_NOT_FOUND: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  INTROSPECTION_DISABLED: 403,
  SUBGRAPH_UNAVAILABLE: 502,
  DATABASE_UNAVAILABLE: 503,
};

/** The most severe of the errors' statuses (an unknown code counts as 500). */
export function statusOfErrors(errors: readonly GraphQLFormattedError[]): number {
  return Math.max(...errors.map((e) => STATUS_OF_CODE[String(e.extensions?.code ?? '')] ?? 500));
}
