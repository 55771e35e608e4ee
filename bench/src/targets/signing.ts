/**
 * What any gateway in front of these subgraphs must do, and the only thing the peer targets add to their defaults:
 * forward the caller's identity and sign each subgraph request (subgraphs/kit/src/auth/signing.ts) with the shared
 * secret. The identity comes from the bearer token's claims (bench/src/identity.ts), decoded once per token.
 */
import { encodeIdentity, signEncoded } from '@tdg/kit/auth/signing';
import { identityFromAuthorization } from '../identity.ts';

const encoded = new Map<string, string>();

/** The `x-tdg-identity` value for a request's Authorization header ('' when anonymous). */
export function identityHeaderFor(authorization: string | null | undefined): string {
  if (!authorization) return '';
  let value = encoded.get(authorization);
  if (value === undefined) {
    value = encodeIdentity(identityFromAuthorization(authorization));
    if (encoded.size < 1000) encoded.set(authorization, value);
  }
  return value;
}

/** The signature headers for a subgraph request body sent for an identity. */
export function signatureHeaders(identityHeader: string, body: string): Record<string, string> {
  const secret = process.env.SUBGRAPH_SIGNING_SECRET;
  if (!secret) throw new Error('SUBGRAPH_SIGNING_SECRET is not set');
  return signEncoded(secret, identityHeader, body);
}

/** The target's port and supergraph, from its environment. */
export function targetEnv(): { port: number; supergraphPath: string } {
  const port = Number(process.env.PORT);
  const supergraphPath = process.env.SUPERGRAPH_PATH;
  if (!port || !supergraphPath) throw new Error('PORT and SUPERGRAPH_PATH must be set');
  return { port, supergraphPath };
}
