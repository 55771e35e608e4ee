/**
 * Who the benchmark asks as. Every request carries a bearer JWT: our gateway verifies it (JWT_PUBLIC_KEY, ES256);
 * the peer gateways, which verify nothing themselves, decode its claims and forward the same identity, signed as the
 * subgraphs require (see targets/signing.ts). Claims as gateway/src/auth/claims.ts reads them: sub, roles, org, region.
 */
import type { Identity } from '@tdg/kit/auth/identity';
import { decodeJwt, exportSPKI, generateKeyPair, SignJWT } from 'jose';

export const BENCH_ISSUER = 'tdg-bench';
export const BENCH_AUDIENCE = 'teacher-development-graph';

export const NATIONAL_ANALYST: Identity = { subject: 'bench-national-analyst', organisation: null, roles: ['NATIONAL_ANALYST'], regionScope: null };
export const ADMINISTRATOR: Identity = { subject: 'bench-admin', organisation: null, roles: ['ADMIN'], regionScope: null };

/**
 * Distinct callers of one role, one per connection of the load generator, as with real dashboards: no two requests in
 * flight come from the same identity (Hive, which merges identical requests of one identity, merges nothing), while
 * all share one access scope (our gateway shares identical reads in flight within a scope: see bench/README.md).
 */
export function crowd(identity: Identity, size: number): Identity[] {
  return Array.from({ length: size }, (_, i) => ({ ...identity, subject: `${identity.subject}-${i + 1}` }));
}

export interface BenchTokens {
  /** PEM (SPKI) of the public key our gateway verifies tokens with. */
  readonly publicKeyPem: string;
  /** The bearer token of each identity, valid for the whole run. */
  readonly tokenFor: (identity: Identity) => string;
  /** Environment of our gateway for these tokens. */
  readonly gatewayEnv: Readonly<Record<string, string>>;
}

/** A fresh ES256 key pair and a token for each identity the operations use. */
export async function createTokens(identities: readonly Identity[]): Promise<BenchTokens> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const publicKeyPem = await exportSPKI(publicKey);
  const tokens = new Map<string, string>();
  for (const identity of identities) {
    const claims = {
      roles: identity.roles,
      ...(identity.organisation ? { org: identity.organisation } : {}),
      ...(identity.regionScope ? { region: identity.regionScope } : {}),
    };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setSubject(identity.subject)
      .setIssuer(BENCH_ISSUER)
      .setAudience(BENCH_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('6h')
      .sign(privateKey);
    tokens.set(identity.subject, token);
  }
  return {
    publicKeyPem,
    tokenFor: (identity) => {
      const token = tokens.get(identity.subject);
      if (!token) throw new Error(`no token for ${identity.subject}`);
      return token;
    },
    gatewayEnv: { JWT_PUBLIC_KEY: publicKeyPem, JWT_ALGORITHM: 'ES256', JWT_ISSUER: BENCH_ISSUER, JWT_AUDIENCE: BENCH_AUDIENCE },
  };
}

/**
 * The identity a bearer token names, read from its claims without verifying it: what a peer gateway in front of these
 * subgraphs would forward once its own authentication (not part of the comparison) had accepted the token.
 */
export function identityFromAuthorization(header: string | null | undefined): Identity | null {
  const token = /^Bearer +(\S+)$/i.exec(header ?? '')?.[1];
  if (!token) return null;
  const claims = decodeJwt(token) as { sub?: string; roles?: Identity['roles']; org?: string; region?: string };
  return { subject: claims.sub ?? '', organisation: claims.org ?? null, roles: claims.roles ?? [], regionScope: claims.region ?? null };
}
