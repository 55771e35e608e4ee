import type { Identity } from '@tdg/kit/auth/identity';
import { createRemoteJWKSet, errors, importSPKI, type JWTVerifyOptions, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { HttpGraphQLError } from '../http-errors.ts';
import { identityFromClaims } from './claims.ts';
import type { AuthConfig } from './config.ts';

/** Verifies a bearer token and returns its identity; throws an HttpGraphQLError (401 UNAUTHENTICATED) saying why not. */
export type TokenVerifier = (token: string) => Promise<Identity>;

/** Verified tokens remembered, and for how long at most (a key withdrawn from a JWKS stops a token within this). */
const VERIFIED_MAX = 10_000;
const VERIFIED_TTL_MS = 60_000;

/** A refused token: HTTP 401, `extensions.code` UNAUTHENTICATED, and the RFC 6750 challenge. */
export const invalidToken = (reason: string) =>
  new HttpGraphQLError(401, 'UNAUTHENTICATED', `Invalid bearer token: ${reason}`, {
    'www-authenticate': `Bearer error="invalid_token", error_description="${reason.replace(/["\\]/g, "'")}"`,
  });

/**
 * Builds the verifier with `jose`: the signature against the configured key (a JWKS URL, a PEM public key or a shared
 * secret), the algorithm pinned to the configured one (so `alg: none` and a token MACed with the public key are
 * refused), `exp` (required), `nbf`, `iss`, `aud` with a small clock tolerance, then the identity claims.
 */
export async function createTokenVerifier(config: AuthConfig): Promise<TokenVerifier> {
  const { key: source } = config;
  const key =
    source.kind === 'jwks'
      ? createRemoteJWKSet(new URL(source.url), { timeoutDuration: 5000, cooldownDuration: 30_000 })
      : source.kind === 'public-key'
        ? await importSPKI(source.pem, source.algorithm)
        : new TextEncoder().encode(source.secret);
  const options: JWTVerifyOptions = {
    algorithms: [source.algorithm],
    issuer: config.issuer,
    audience: config.audience,
    clockTolerance: config.clockToleranceSeconds,
    requiredClaims: ['exp', 'sub'],
  };
  // A token whose signature and claims verified is not verified again while it stays within its validity (`exp`, `nbf`,
  // with the clock tolerance) and at most VERIFIED_TTL_MS: a dashboard sends the same token with every request, and a
  // signature check costs more than the rest of the gateway's own work on a small query. Keyed by the whole token.
  const verified = new LRUCache<string, { identity: Identity; notBefore: number; expires: number }>({ max: VERIFIED_MAX, ttl: VERIFIED_TTL_MS });
  const tolerance = config.clockToleranceSeconds;
  return async (token) => {
    const known = verified.get(token);
    const now = Date.now() / 1000;
    if (known && now >= known.notBefore - tolerance && now <= known.expires + tolerance) return known.identity;
    let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
    try {
      // The overloads differ by key kind; each branch above gives jwtVerify a key of the configured algorithm.
      ({ payload } = await jwtVerify(token, key as Parameters<typeof jwtVerify>[1], options));
    } catch (error) {
      throw explain(error, config);
    }
    const result = identityFromClaims(payload);
    if (!result.ok) throw invalidToken(result.problems.join('; '));
    verified.set(token, { identity: result.identity, notBefore: payload.nbf ?? 0, expires: payload.exp ?? 0 });
    return result.identity;
  };
}

/** A clear reason for each way a token fails; a key set that cannot be fetched is the gateway's problem (503), never anonymity. */
function explain(error: unknown, config: AuthConfig): HttpGraphQLError {
  if (error instanceof errors.JWTExpired) return invalidToken('it has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return invalidToken('it is not valid yet (nbf)');
    if (error.claim === 'iss') return invalidToken(`it was not issued by ${config.issuer} (iss)`);
    if (error.claim === 'aud') return invalidToken(`it is not meant for ${config.audience} (aud)`);
    return invalidToken(error.message);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return invalidToken(`it must be signed with ${config.key.algorithm}`);
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalidToken('its signature does not verify');
  if (error instanceof errors.JWKSNoMatchingKey) return invalidToken('no key of the key set matches it');
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || (error instanceof TypeError && /fetch/i.test(error.message))) {
    return new HttpGraphQLError(503, 'AUTHENTICATION_UNAVAILABLE', 'The keys that verify bearer tokens cannot be fetched right now; try again shortly');
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return invalidToken(`it is malformed (${error.message})`);
  }
  return invalidToken('it could not be verified');
}
