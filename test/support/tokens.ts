import { DEFAULT_AUDIENCE, signToken } from '@tdg/gateway';
import type { Identity } from '@tdg/kit/auth/identity';
import { type CryptoKey, exportSPKI, generateKeyPair } from 'jose';
import { DEV_PERSONAS } from '../../scripts/src/dev-tokens.ts';

/** The issuer and audience of test tokens (the test gateway is configured with them). */
export const TEST_ISSUER = 'teacher-development-graph-test';
export const TEST_AUDIENCE = DEFAULT_AUDIENCE;
export const TEST_ALGORITHM = 'ES256';

let keys: Promise<{ privateKey: CryptoKey; publicKeyPem: string }> | undefined;

/** The test key pair, made once per test file. */
function testKeys() {
  keys ??= generateKeyPair(TEST_ALGORITHM, { extractable: true }).then(async ({ privateKey, publicKey }) => ({ privateKey, publicKeyPem: await exportSPKI(publicKey) }));
  return keys;
}

/** The test private key, to sign tokens by hand (malformed claims). */
export const testSigningKey = async (): Promise<CryptoKey> => (await testKeys()).privateKey;

/** Environment that makes a gateway verify test tokens (see startFederation). */
export async function testAuthEnv(): Promise<Record<string, string>> {
  return { JWT_PUBLIC_KEY: (await testKeys()).publicKeyPem, JWT_ALGORITHM: TEST_ALGORITHM, JWT_ISSUER: TEST_ISSUER, JWT_AUDIENCE: TEST_AUDIENCE };
}

export interface TokenOptions {
  /** Seconds (negative: already expired) or a jose time span; 1 hour by default. */
  readonly expiresIn?: number | string;
  readonly notBefore?: number | string;
  readonly issuer?: string;
  readonly audience?: string;
}

/** A bearer token for any identity, signed with the test key. */
export async function tokenFor(identity: Identity, options: TokenOptions = {}): Promise<string> {
  return signToken(identity, {
    key: (await testKeys()).privateKey,
    algorithm: TEST_ALGORITHM,
    issuer: options.issuer ?? TEST_ISSUER,
    audience: options.audience ?? TEST_AUDIENCE,
    expiresIn: options.expiresIn ?? '1h',
    notBefore: options.notBefore,
  });
}

/** The development personas (one per role: admin, analysts, staff of a SCITT, a TSH, an LA and a curriculum hub). */
export const PERSONAS: Readonly<Record<string, Identity>> = Object.fromEntries(DEV_PERSONAS.map((p) => [p.name, p.identity]));
