import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_AUDIENCE, DEV_ISSUER, JWT_KEY_VARIABLES, signToken } from '@tdg/gateway';
import type { Identity } from '@tdg/kit/auth/identity';
import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8 } from 'jose';

/** The algorithm of the development key pair. */
export const DEV_ALGORITHM = 'ES256';
/** How long a printed development token is valid. */
export const DEV_TOKEN_LIFETIME = '12h';

export interface DevPersona {
  /** Key in dev-tokens.json and the printed list. */
  readonly name: string;
  readonly description: string;
  readonly identity: Identity;
}

const persona = (name: string, description: string, identity: Omit<Identity, 'subject'>): DevPersona => ({
  name,
  description,
  identity: { subject: `dev-${name}`, ...identity },
});

/** One token per role, acting for organisations the demo data always holds. */
export const DEV_PERSONAS: readonly DevPersona[] = [
  persona('admin', 'administrator: reads all, writes any organisation', { organisation: null, roles: ['ADMIN'], regionScope: null }),
  persona('national-analyst', 'national analyst: aggregates everywhere', { organisation: null, roles: ['NATIONAL_ANALYST'], regionScope: null }),
  persona('regional-analyst', 'regional analyst, region A (North East): aggregates there', { organisation: null, roles: ['REGIONAL_ANALYST'], regionScope: 'A' }),
  persona('scitt-staff', 'staff of SCITT 70245, Stockton-on-Tees Teacher Training Partnership', { organisation: 'scitt:70245', roles: ['ORG_STAFF'], regionScope: null }),
  persona('tsh-staff', 'staff of teaching school hub NE2, Tees Valley (covers LA 808)', { organisation: 'tsh:NE2', roles: ['ORG_STAFF'], regionScope: null }),
  persona('la-staff', 'staff of local authority 808, Stockton-on-Tees', { organisation: 'la:808', roles: ['ORG_STAFF'], regionScope: null }),
  persona('hub-staff', 'staff of curriculum hub SLP-STELLAR, STELLAR Science Learning Partnership', { organisation: 'hub:SLP-STELLAR', roles: ['ORG_STAFF'], regionScope: null }),
  persona('rs-staff', "staff of research school RS-A1, the first Research School of region A (a partner subgraph's own kind)", { organisation: 'rs:RS-A1', roles: ['ORG_STAFF'], regionScope: null }),
];

export interface DevTokensFile {
  readonly issuer: string;
  readonly audience: string;
  readonly expiresAt: string;
  readonly tokens: Record<string, { readonly description: string; readonly identity: Identity; readonly token: string }>;
}

/**
 * Development only, like dev-secrets.ts: when no key for bearer tokens is configured, a key pair made on first start
 * and kept under DATA_DIR/secrets/ (mode 600) verifies them; the gateway gets its public key (JWT_PUBLIC_KEY,
 * JWT_ALGORITHM) through `env`. Returns the private key's PEM to sign development tokens with, or null when a key is
 * configured or in production (where nothing is made and start-up fails without a key).
 */
export async function ensureDevJwtKey(env: NodeJS.ProcessEnv, dataDir: string): Promise<string | null> {
  if (env.NODE_ENV === 'production' || JWT_KEY_VARIABLES.some((v) => env[v])) return null;
  const dir = join(dataDir, 'secrets');
  const privateFile = join(dir, 'jwt-private-key.pem');
  const publicFile = join(dir, 'jwt-public-key.pem');
  if (!existsSync(privateFile) || !existsSync(publicFile)) {
    const { privateKey, publicKey } = await generateKeyPair(DEV_ALGORITHM, { extractable: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(privateFile, await exportPKCS8(privateKey), { mode: 0o600 });
    writeFileSync(publicFile, await exportSPKI(publicKey), { mode: 0o600 });
  }
  env.JWT_PUBLIC_KEY = readFileSync(publicFile, 'utf8').trim();
  env.JWT_ALGORITHM = DEV_ALGORITHM;
  return readFileSync(privateFile, 'utf8');
}

/** Signs a fresh token for every persona and writes them to DATA_DIR/dev-tokens.json (mode 600). */
export async function writeDevTokens(privateKeyPem: string, dataDir: string, issuer = DEV_ISSUER, audience = DEFAULT_AUDIENCE): Promise<DevTokensFile> {
  const key = await importPKCS8(privateKeyPem, DEV_ALGORITHM);
  const tokens: DevTokensFile['tokens'] = {};
  for (const p of DEV_PERSONAS) {
    tokens[p.name] = {
      description: p.description,
      identity: p.identity,
      token: await signToken(p.identity, { key, algorithm: DEV_ALGORITHM, issuer, audience, expiresIn: DEV_TOKEN_LIFETIME }),
    };
  }
  const file: DevTokensFile = { issuer, audience, expiresAt: new Date(Date.now() + 12 * 3600_000).toISOString(), tokens };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'dev-tokens.json'), `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  return file;
}

/** The tokens as `npm start` prints them, with a curl example. */
export function formatDevTokens(file: DevTokensFile, dataDir: string, port: number): string {
  const width = Math.max(...Object.keys(file.tokens).map((n) => n.length));
  const lines = [
    `Development tokens (valid ${DEV_TOKEN_LIFETIME}, until ${file.expiresAt}; also in ${join(dataDir, 'dev-tokens.json')}).`,
    'Send one as "Authorization: Bearer <token>"; without one you are anonymous and read only the public register.',
  ];
  for (const [name, t] of Object.entries(file.tokens)) lines.push('', `  ${name.padEnd(width)}  ${t.description}`, `  ${' '.repeat(width)}  ${t.token}`);
  lines.push(
    '',
    'For example:',
    `  TOKEN=$(jq -r '.tokens["scitt-staff"].token' ${join(dataDir, 'dev-tokens.json')})`,
    `  curl -s localhost:${port}/graphql -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`,
    `    -d '{"query":"{ scitt(id: \\"70245\\") { name cohort(academicYear: 2022) { traineeCount awardedCount } } }"}'`,
  );
  return lines.join('\n');
}
