import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeEnvVar, parseEnv } from '@tdg/kit/config';
import { z } from 'zod';

/** The pages the gateway serves to browsers (pages/), read once from the environment and validated. */
export interface PagesConfig {
  /** EXPLORER: GraphiQL on a browser's GET of /graphql and of / (on by default, `off` in any mode). */
  readonly explorer: boolean;
  /** DASHBOARD: the regional dashboard at /dashboard (on by default). */
  readonly dashboard: boolean;
  /** Outside production, the development tokens `npm start` writes (DATA_DIR/dev-tokens.json), offered by role; null in production. */
  readonly devTokensFile: string | null;
}

const onOff = z.enum(['on', 'off'], { message: 'must be "on" or "off"' }).default('on');

export function loadPagesConfig(env: NodeJS.ProcessEnv = process.env): PagesConfig {
  const e = parseEnv(
    z.object({
      NODE_ENV: nodeEnvVar,
      EXPLORER: onOff,
      DASHBOARD: onOff,
      DATA_DIR: z.string().default(fileURLToPath(new URL('../../../.data', import.meta.url))),
    }),
    env,
  );
  return {
    explorer: e.EXPLORER === 'on',
    dashboard: e.DASHBOARD === 'on',
    devTokensFile: e.NODE_ENV === 'production' ? null : join(e.DATA_DIR, 'dev-tokens.json'),
  };
}
