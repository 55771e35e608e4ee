import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jest } from '@jest/globals';
import type { Identity } from '@tdg/kit/auth/identity';
import { base64url, exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { PERSONAS, TEST_AUDIENCE, TEST_ISSUER, testAuthEnv, testSigningKey, tokenFor } from '../../../test/support/tokens.ts';
import type { HttpGraphQLError } from '../http-errors.ts';
import { loadAuthConfig } from './config.ts';
import { signToken } from './sign-token.ts';
import { createTokenVerifier, type TokenVerifier } from './verify-token.ts';

/** Bearer tokens: what verifies, and every way a token is refused (401 UNAUTHENTICATED with a reason). */
let verify: TokenVerifier;
beforeAll(async () => {
  verify = await createTokenVerifier(loadAuthConfig({ NODE_ENV: 'test', ...(await testAuthEnv()) }));
});

const refusal = async (token: string, v: TokenVerifier = verify): Promise<HttpGraphQLError> => {
  try {
    await v(token);
  } catch (error) {
    return error as HttpGraphQLError;
  }
  throw new Error('token was accepted');
};

const admin: Identity = PERSONAS.admin;
const now = () => Math.floor(Date.now() / 1000);

test.each(Object.entries(PERSONAS))('a valid token for %s gives its identity', async (_name, identity) => {
  expect(await verify(await tokenFor(identity))).toEqual(identity);
});

test.each([
  ['expired', () => tokenFor(admin, { expiresIn: -120 }), /has expired/],
  ['not yet valid (nbf)', () => tokenFor(admin, { notBefore: 600 }), /not valid yet/],
  ['from another issuer', () => tokenFor(admin, { issuer: 'someone-else' }), new RegExp(`not issued by ${TEST_ISSUER}`)],
  ['for another audience', () => tokenFor(admin, { audience: 'another-api' }), new RegExp(`not meant for ${TEST_AUDIENCE}`)],
  ['not a JWT', async () => 'not-a-token', /malformed/],
])('a token %s is refused: 401 UNAUTHENTICATED', async (_what, make, reason) => {
  const error = await refusal(await make());
  expect(error).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  expect(error.message).toMatch(reason);
  expect(error.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
});

test('an expiry within the clock tolerance still verifies', async () => {
  expect(await verify(await tokenFor(admin, { expiresIn: -5 }))).toEqual(admin);
});

test('a token verified once is not trusted past its expiry (the verified-token memory keeps exp)', async () => {
  const token = await tokenFor(admin, { expiresIn: 60 });
  expect(await verify(token)).toEqual(admin);
  expect(await verify(token)).toEqual(admin);
  // Five minutes later (beyond the clock tolerance) the same token is refused, as a fresh verification would.
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
  try {
    jest.setSystemTime(Date.now() + 300_000);
    expect((await refusal(token)).message).toMatch(/has expired/);
  } finally {
    jest.useRealTimers();
  }
});

test('a token signed with another key is refused: its signature does not verify', async () => {
  const { privateKey } = await generateKeyPair('ES256');
  const forged = await signToken(admin, { key: privateKey, algorithm: 'ES256', issuer: TEST_ISSUER, audience: TEST_AUDIENCE });
  expect((await refusal(forged)).message).toMatch(/signature does not verify/);
});

test('a token with a tampered payload is refused', async () => {
  const [header, , signature] = (await tokenFor(PERSONAS['scitt-staff'])).split('.');
  const payload = base64url.encode(JSON.stringify({ sub: 'x', roles: ['ADMIN'], iss: TEST_ISSUER, aud: TEST_AUDIENCE, exp: now() + 600 }));
  expect((await refusal(`${header}.${payload}.${signature}`)).statusCode).toBe(401);
});

test('an unsigned token (alg: none) is refused', async () => {
  const part = (o: object) => base64url.encode(JSON.stringify(o));
  const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'x', roles: ['ADMIN'], iss: TEST_ISSUER, aud: TEST_AUDIENCE, exp: now() + 600 })}.`;
  const error = await refusal(unsigned);
  expect(error).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
});

test('algorithm confusion: an HS256 token MACed with the RSA public key (as the secret) is refused', async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const pem = await exportSPKI(publicKey);
  const rsa = await createTokenVerifier(loadAuthConfig({ NODE_ENV: 'test', JWT_PUBLIC_KEY: pem, JWT_ALGORITHM: 'RS256' }));
  const genuine = await signToken(admin, { key: privateKey, algorithm: 'RS256', issuer: 'teacher-development-graph-dev', audience: TEST_AUDIENCE });
  expect(await rsa(genuine)).toEqual(admin);
  const confused = await new SignJWT({ roles: ['ADMIN'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('attacker')
    .setIssuer('teacher-development-graph-dev')
    .setAudience(TEST_AUDIENCE)
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(pem));
  const error = await refusal(confused, rsa);
  expect(error).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  expect(error.message).toMatch(/must be signed with RS256/);
});

test.each([
  ['no role', { subject: 'u1', organisation: null, roles: [], regionScope: null }, /no role/],
  ['an unknown role', { subject: 'u1', organisation: null, roles: ['SUPERUSER'], regionScope: null }, /unknown role SUPERUSER/],
  ['staff without an organisation', { subject: 'u1', organisation: null, roles: ['ORG_STAFF'], regionScope: null }, /organisation claim/],
  ['a regional analyst without a region', { subject: 'u1', organisation: null, roles: ['REGIONAL_ANALYST'], regionScope: null }, /region scope/],
  ['a malformed organisation', { subject: 'u1', organisation: 'School 1', roles: ['ORG_STAFF'], regionScope: null }, /"org" claim/],
  ['an organisation kind in capitals', { subject: 'u1', organisation: 'RS:RS-A1', roles: ['ORG_STAFF'], regionScope: null }, /"org" claim/],
  ['an organisation without an id', { subject: 'u1', organisation: 'rs:', roles: ['ORG_STAFF'], regionScope: null }, /"org" claim/],
])('claims with %s are refused', async (_what, identity, reason) => {
  const error = await refusal(await tokenFor(identity as unknown as Identity));
  expect(error).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  expect(error.message).toMatch(reason);
});

test.each(['rs:RS-A1', 'mat:MAT-12', 'scitt:70245'])('staff of any kind of organisation (%s) are accepted: the list of kinds is open', async (organisation) => {
  const identity: Identity = { subject: 'u1', organisation, roles: ['ORG_STAFF'], regionScope: null };
  expect(await verify(await tokenFor(identity))).toEqual(identity);
});

test('a token without an expiry or without a subject is refused', async () => {
  const key = await testSigningKey();
  const base = () => new SignJWT({ roles: ['ADMIN'] }).setProtectedHeader({ alg: 'ES256' }).setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE);
  expect((await refusal(await base().setSubject('u1').sign(key))).message).toMatch(/"exp"/);
  expect((await refusal(await base().setExpirationTime('5m').sign(key))).message).toMatch(/"sub"/);
});

test('a shared secret verifies HS256 tokens only', async () => {
  const secret = 'a-shared-secret-of-at-least-32-characters!';
  const hs = await createTokenVerifier(loadAuthConfig({ NODE_ENV: 'test', JWT_SECRET: secret }));
  const key = new TextEncoder().encode(secret);
  const token = await signToken(admin, { key, algorithm: 'HS256', issuer: 'teacher-development-graph-dev', audience: TEST_AUDIENCE });
  expect(await hs(token)).toEqual(admin);
  expect((await refusal(await tokenFor(admin, { issuer: 'teacher-development-graph-dev' }), hs)).message).toMatch(/must be signed with HS256/);
});

test('a JWKS URL: tokens verify against the key set it serves', async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    const jwks = await createTokenVerifier(loadAuthConfig({ NODE_ENV: 'test', JWT_JWKS_URL: url }));
    const sign = (key: CryptoKey, kid: string) =>
      new SignJWT({ roles: ['ADMIN'] })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setSubject('test-admin')
        .setIssuer('teacher-development-graph-dev')
        .setAudience(TEST_AUDIENCE)
        .setExpirationTime('5m')
        .sign(key);
    expect(await jwks(await sign(privateKey, 'k1'))).toEqual({ subject: 'test-admin', organisation: null, roles: ['ADMIN'], regionScope: null });
    const other = await generateKeyPair('RS256');
    expect((await refusal(await sign(other.privateKey, 'k2'), jwks)).statusCode).toBe(401);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
