import type { Identity } from '@tdg/kit/auth/identity';
import type { FastifyInstance } from 'fastify';
import { HttpGraphQLError } from '../http-errors.ts';
import { invalidToken, type TokenVerifier } from './verify-token.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller; null when the request carries no Authorization header (anonymous). */
    identity: Identity | null;
    /** Why a bearer token was refused; the request is answered 401 once the rate limit has counted it. */
    authenticationError: HttpGraphQLError | null;
  }
}

/**
 * Authenticates every request to `path`: no Authorization header is anonymous; a header that is not a valid bearer
 * token (malformed, expired, forged, wrong issuer or audience…) is never anonymous but answered 401 UNAUTHENTICATED.
 * The token is verified on `onRequest` (so the rate limit can key on the identity) and a refusal is answered on
 * `preParsing` (after the rate limit counted it, before any body is read).
 */
export function registerAuthentication(app: FastifyInstance, verify: TokenVerifier, path: string): void {
  app.decorateRequest('identity', null);
  app.decorateRequest('authenticationError', null);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.url !== path) return;
    const header = request.headers.authorization;
    if (header === undefined) return;
    const bearer = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header);
    if (!bearer) {
      request.authenticationError = invalidToken('the Authorization header must be "Bearer <token>"');
      return;
    }
    try {
      request.identity = await verify(bearer[1]);
    } catch (error) {
      if (!(error instanceof HttpGraphQLError)) throw error;
      request.authenticationError = error;
    }
  });
  app.addHook('preParsing', async (request) => {
    if (request.authenticationError) throw request.authenticationError;
  });
}
