import type { Identity } from '@tdg/kit/auth/identity';
import type { FastifyRequest } from 'fastify';

/**
 * What the gateway knows of a request: the caller, verified from the bearer token by the authentication hook
 * (auth/authenticate.ts), or null for an anonymous request. The subgraph data source forwards it, signed.
 */
export interface GatewayContext {
  readonly identity: Identity | null;
}

export const contextFromRequest = async (request: FastifyRequest): Promise<GatewayContext> => ({ identity: request.identity });
