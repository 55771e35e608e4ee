import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Development only: a secret kept under the data folder, made on first start, so that `npm start` works with no setup.
 * In production nothing is made: the variable must be set, and start-up fails without it.
 */
export function ensureDevSecret(env: NodeJS.ProcessEnv, variable: string, dataDir: string): void {
  if (env[variable] || env.NODE_ENV === 'production') return;
  const file = join(dataDir, 'secrets', variable.toLowerCase());
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  env[variable] = readFileSync(file, 'utf8').trim();
}
