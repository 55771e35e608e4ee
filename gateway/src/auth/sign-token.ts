import type { Identity } from '@tdg/kit/auth/identity';
import { type CryptoKey, type KeyObject, SignJWT } from 'jose';
import { claimsOf } from './claims.ts';
import type { JwtAlgorithm } from './config.ts';

export interface SigningOptions {
  /** A private key (asymmetric algorithms) or the shared secret's bytes (HS256). */
  readonly key: CryptoKey | KeyObject | Uint8Array;
  readonly algorithm: JwtAlgorithm;
  readonly issuer: string;
  readonly audience: string;
  /** Lifetime: seconds, or a jose time span such as `12h`. */
  readonly expiresIn?: number | string;
  /** Not valid before: seconds from now, or a jose time span. */
  readonly notBefore?: number | string;
}

/** Signs a bearer token for an identity (development tokens and tests; production tokens come from an identity provider). */
export async function signToken(identity: Identity, options: SigningOptions): Promise<string> {
  const { sub, ...claims } = claimsOf(identity);
  const jwt = new SignJWT({ ...claims })
    .setProtectedHeader({ alg: options.algorithm, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(typeof options.expiresIn === 'number' ? Math.floor(Date.now() / 1000) + options.expiresIn : (options.expiresIn ?? '12h'));
  if (options.notBefore !== undefined) {
    jwt.setNotBefore(typeof options.notBefore === 'number' ? Math.floor(Date.now() / 1000) + options.notBefore : options.notBefore);
  }
  return jwt.sign(options.key);
}
