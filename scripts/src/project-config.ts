import { fileURLToPath } from 'node:url';
import { nodeEnvVar, parseEnv, portVar, postgresUrlVar } from '@tdg/kit/config';
import { z } from 'zod';

/** Root of the repository. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Configuration of the project's commands (start, import, migrate), read once from the environment. */
export function loadProjectConfig(env: NodeJS.ProcessEnv = process.env) {
  const e = parseEnv(
    z.object({
      NODE_ENV: nodeEnvVar,
      DATABASE_URL: postgresUrlVar,
      EMBEDDED_PG_PORT: portVar(54329),
      DATA_DIR: z.string().default(`${PROJECT_ROOT}.data`),
      DEMO_DATA: z.enum(['none', 'small', 'region', 'national']).default('region'),
      DEMO_SEED: z.coerce.number().int().min(0).default(1),
      PROGRESS_INTERVAL_MS: z.coerce.number().int().min(0).default(2000),
    }),
    env,
  );
  return {
    production: e.NODE_ENV === 'production',
    databaseUrl: e.DATABASE_URL,
    embeddedPort: e.EMBEDDED_PG_PORT,
    dataDir: e.DATA_DIR,
    demoData: e.DEMO_DATA,
    demoSeed: e.DEMO_SEED,
    /** How often progress lines are printed when stdout is not a terminal (scripts/src/progress/). */
    progressIntervalMs: e.PROGRESS_INTERVAL_MS,
  };
}
export type ProjectConfig = ReturnType<typeof loadProjectConfig>;
