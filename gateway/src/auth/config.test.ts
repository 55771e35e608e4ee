import { ConfigError } from '@tdg/kit/config';
import { exportSPKI, generateKeyPair } from 'jose';
import { loadAuthConfig } from './config.ts';

/** The bearer-token configuration: exactly one key source, an issuer in production, every problem listed at once. */
const problems = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadAuthConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

let ecPem: string;
beforeAll(async () => {
  ecPem = await exportSPKI((await generateKeyPair('ES256', { extractable: true })).publicKey);
});

test('production without a key or an issuer lists both', () => {
  const found = problems({ NODE_ENV: 'production' });
  expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^JWT_ISSUER: required in production/), expect.stringMatching(/JWT_JWKS_URL \| JWT_PUBLIC_KEY \| JWT_SECRET: required/)]));
});

test('development defaults the issuer and audience but still needs a key', () => {
  expect(problems({ NODE_ENV: 'development' })).toEqual([expect.stringMatching(/required, exactly one.*npm start makes a development key/)]);
  expect(loadAuthConfig({ NODE_ENV: 'development', JWT_PUBLIC_KEY: ecPem, JWT_ALGORITHM: 'ES256' })).toMatchObject({
    issuer: 'teacher-development-graph-dev',
    audience: 'teacher-development-graph',
    key: { kind: 'public-key', algorithm: 'ES256' },
    clockToleranceSeconds: 30,
  });
});

test('exactly one key source', () => {
  expect(problems({ JWT_PUBLIC_KEY: ecPem, JWT_ALGORITHM: 'ES256', JWT_SECRET: 'x'.repeat(40) })).toEqual(
    expect.arrayContaining([expect.stringMatching(/JWT_PUBLIC_KEY, JWT_SECRET: set exactly one key source/), expect.stringMatching(/signs HS256 only, not ES256/)]),
  );
});

test('no algorithm confusion by configuration: HS256 never goes with a public key, a key fits its algorithm', () => {
  expect(problems({ JWT_PUBLIC_KEY: ecPem, JWT_ALGORITHM: 'HS256' })).toEqual(expect.arrayContaining([expect.stringMatching(/HS256 is for a shared secret/)]));
  expect(problems({ JWT_PUBLIC_KEY: ecPem })).toEqual([expect.stringMatching(/an ec key does not fit JWT_ALGORITHM RS256/)]);
  expect(problems({ JWT_PUBLIC_KEY: 'not a pem' })).toEqual([expect.stringMatching(/must be a PEM public key/)]);
  expect(problems({ JWT_SECRET: 'short' })).toEqual([expect.stringMatching(/at least 32 characters/)]);
  expect(problems({ JWT_JWKS_URL: 'http://idp.example/jwks', JWT_ISSUER: 'idp', NODE_ENV: 'production' })).toEqual([expect.stringMatching(/https:\/\/ URL in production/)]);
});

test('a one-line PEM with \\n escapes is accepted', () => {
  expect(loadAuthConfig({ JWT_PUBLIC_KEY: ecPem.replace(/\n/g, '\\n'), JWT_ALGORITHM: 'ES256' }).key).toMatchObject({ kind: 'public-key', pem: ecPem.trim() });
});
