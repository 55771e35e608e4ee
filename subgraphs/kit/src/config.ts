import { z } from 'zod';

/** A configuration problem list: every invalid or missing variable, reported together. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * Validates the environment once against a zod object schema and returns the typed result; throws a ConfigError that
 * lists every problem at once (never only the first).
 */
export function parseEnv<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
}

/** A TCP port from the environment with a default. */
export const portVar = (defaultPort: number) => z.coerce.number().int().min(1).max(65535).default(defaultPort);

/** An optional PostgreSQL server URL (`postgres://user@host:port/`). */
export const postgresUrlVar = z
  .string()
  .optional()
  .refine((v) => v === undefined || v === '' || /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL')
  .transform((v) => (v ? v : undefined));

/** A shared secret: required, at least 32 characters (e.g. `openssl rand -hex 32`). */
export const secretVar = z
  .string({ error: 'required: a secret of at least 32 characters (e.g. openssl rand -hex 32)' })
  .min(32, 'must be at least 32 characters');

/** The run mode: `production` turns off development conveniences. */
export const nodeEnvVar = z.enum(['development', 'production', 'test']).default('development');

/**
 * Runs several configuration readers and reports the problems of all of them together (one ConfigError), so that a
 * process made of several parts still lists every problem at once.
 */
export function readAll<T extends unknown[]>(...readers: { [K in keyof T]: () => T[K] }): T {
  const problems: string[] = [];
  const values = readers.map((read) => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  });
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  return values as T;
}
