import { createPublicKey } from 'node:crypto';
import { ConfigError, nodeEnvVar, parseEnv, readAll } from '@tdg/kit/config';
import { z } from 'zod';

/** Algorithms for a public key (JWT_PUBLIC_KEY) or a key set (JWT_JWKS_URL). */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'] as const;
export type AsymmetricAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number];
export type JwtAlgorithm = AsymmetricAlgorithm | 'HS256';

/** Where the key that verifies bearer tokens comes from: exactly one is configured. */
export type JwtKeySource =
  | { readonly kind: 'jwks'; readonly url: string; readonly algorithm: AsymmetricAlgorithm }
  | { readonly kind: 'public-key'; readonly pem: string; readonly algorithm: AsymmetricAlgorithm }
  | { readonly kind: 'secret'; readonly secret: string; readonly algorithm: 'HS256' };

export interface AuthConfig {
  /** The `iss` every token must carry. */
  readonly issuer: string;
  /** The `aud` every token must carry (or include). */
  readonly audience: string;
  readonly key: JwtKeySource;
  /** Leeway for `exp` and `nbf`, in seconds. */
  readonly clockToleranceSeconds: number;
}

/** The issuer of development tokens (`npm start`), the default outside production. */
export const DEV_ISSUER = 'teacher-development-graph-dev';
export const DEFAULT_AUDIENCE = 'teacher-development-graph';
export const JWT_KEY_VARIABLES = ['JWT_JWKS_URL', 'JWT_PUBLIC_KEY', 'JWT_SECRET'] as const;

/** The key type each asymmetric algorithm needs (node:crypto's `asymmetricKeyType`). */
const KEY_TYPE: Record<AsymmetricAlgorithm, string[]> = { RS256: ['rsa'], PS256: ['rsa', 'rsa-pss'], ES256: ['ec'], EdDSA: ['ed25519'] };

const set = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

/**
 * Reads the bearer-token settings: JWT_ISSUER (required in production), JWT_AUDIENCE, JWT_CLOCK_TOLERANCE_SECONDS and
 * exactly one key source — JWT_JWKS_URL, JWT_PUBLIC_KEY (PEM, with JWT_ALGORITHM) or JWT_SECRET (HS256). Throws a
 * ConfigError listing every problem.
 */
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const production = env.NODE_ENV === 'production';
  const [e] = readAll(
    () =>
      parseEnv(
        z.object({
          NODE_ENV: nodeEnvVar,
          JWT_ISSUER: production
            ? z.string({ error: 'required in production: the issuer (iss) bearer tokens must carry' }).min(1)
            : z.string().min(1).default(DEV_ISSUER),
          JWT_AUDIENCE: z.string().min(1).default(DEFAULT_AUDIENCE),
          JWT_ALGORITHM: z.enum([...ASYMMETRIC_ALGORITHMS, 'HS256']).optional(),
          JWT_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
        }),
        env,
      ),
    () => keySourceProblems(env, production),
  );
  const algorithm = e.JWT_ALGORITHM;
  const key: JwtKeySource = set(env.JWT_JWKS_URL)
    ? { kind: 'jwks', url: env.JWT_JWKS_URL, algorithm: (algorithm ?? 'RS256') as AsymmetricAlgorithm }
    : set(env.JWT_PUBLIC_KEY)
      ? { kind: 'public-key', pem: pem(env.JWT_PUBLIC_KEY), algorithm: (algorithm ?? 'RS256') as AsymmetricAlgorithm }
      : { kind: 'secret', secret: env.JWT_SECRET!, algorithm: 'HS256' };
  return { issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE, key, clockToleranceSeconds: e.JWT_CLOCK_TOLERANCE_SECONDS };
}

/** A PEM given in one line with `\n` escapes (as some environments must) becomes a real PEM. */
const pem = (value: string) => value.replace(/\\n/g, '\n').trim();

function keySourceProblems(env: NodeJS.ProcessEnv, production: boolean): void {
  const problems: string[] = [];
  const given = JWT_KEY_VARIABLES.filter((v) => set(env[v]));
  const algorithm = env.JWT_ALGORITHM;
  if (given.length === 0) {
    problems.push(
      `${JWT_KEY_VARIABLES.join(' | ')}: required, exactly one: the key bearer tokens are verified with` +
        (production ? '' : ' (npm start makes a development key; nothing is made in production)'),
    );
  } else if (given.length > 1) {
    problems.push(`${given.join(', ')}: set exactly one key source, not ${given.length}`);
  }
  if (set(env.JWT_JWKS_URL)) {
    let url: URL | null = null;
    try {
      url = new URL(env.JWT_JWKS_URL);
    } catch {
      problems.push('JWT_JWKS_URL: must be a URL');
    }
    if (url && production && url.protocol !== 'https:') problems.push('JWT_JWKS_URL: must be an https:// URL in production');
    if (url && !['https:', 'http:'].includes(url.protocol)) problems.push('JWT_JWKS_URL: must be an http(s):// URL');
  }
  if (set(env.JWT_SECRET)) {
    if (env.JWT_SECRET.length < 32) problems.push('JWT_SECRET: must be at least 32 characters (e.g. openssl rand -hex 32)');
    if (algorithm && algorithm !== 'HS256') problems.push(`JWT_ALGORITHM: a shared secret (JWT_SECRET) signs HS256 only, not ${algorithm}`);
  }
  if ((set(env.JWT_PUBLIC_KEY) || set(env.JWT_JWKS_URL)) && algorithm === 'HS256') {
    problems.push('JWT_ALGORITHM: HS256 is for a shared secret (JWT_SECRET); a public key or key set takes RS256, PS256, ES256 or EdDSA');
  }
  if (set(env.JWT_PUBLIC_KEY) && !pem(env.JWT_PUBLIC_KEY).startsWith('-----BEGIN PUBLIC KEY-----')) {
    problems.push('JWT_PUBLIC_KEY: must be a PEM public key (-----BEGIN PUBLIC KEY-----), never a private key or certificate');
  } else if (set(env.JWT_PUBLIC_KEY)) {
    try {
      const key = createPublicKey(pem(env.JWT_PUBLIC_KEY));
      const wanted = (algorithm && algorithm !== 'HS256' ? algorithm : 'RS256') as AsymmetricAlgorithm;
      const types = KEY_TYPE[wanted];
      if (types && !types.includes(key.asymmetricKeyType ?? '')) {
        problems.push(`JWT_PUBLIC_KEY: an ${key.asymmetricKeyType} key does not fit JWT_ALGORITHM ${wanted} (set JWT_ALGORITHM to the key's algorithm)`);
      }
      if (wanted === 'ES256' && key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') problems.push('JWT_PUBLIC_KEY: ES256 needs a P-256 key');
    } catch {
      problems.push('JWT_PUBLIC_KEY: must be a PEM public key (-----BEGIN PUBLIC KEY-----)');
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
}
