import type { FastifyError, FastifyInstance } from 'fastify';

/**
 * An error answered before GraphQL runs (authentication, rate limit, malformed HTTP), still in GraphQL's response
 * shape: `{ errors: [{ message, extensions: { code } }] }` with an HTTP status, so clients read one format.
 */
export class HttpGraphQLError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;
  constructor(statusCode: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpGraphQLError';
    this.statusCode = statusCode;
    this.code = code;
    this.headers = headers;
  }
}

export const graphqlErrorBody = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

/** Codes for fastify's own HTTP errors (body too large, malformed JSON, unsupported content type…). */
const HTTP_CODES: Record<number, string> = { 400: 'BAD_REQUEST', 404: 'NOT_FOUND', 413: 'REQUEST_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

/** Answers every error that reaches fastify in GraphQL's shape; in production a server error says only that it happened. */
export function installErrorHandler(app: FastifyInstance, production: boolean): void {
  app.setErrorHandler((error: FastifyError | HttpGraphQLError, _request, reply) => {
    if (error instanceof HttpGraphQLError) {
      return reply.code(error.statusCode).headers(error.headers).send(graphqlErrorBody(error.code, error.message));
    }
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      console.error('[gateway]', error);
      return reply.code(status).send(graphqlErrorBody('INTERNAL_SERVER_ERROR', production ? 'Internal server error' : error.message));
    }
    return reply.code(status).send(graphqlErrorBody(HTTP_CODES[status] ?? 'BAD_REQUEST', error.message));
  });
}
