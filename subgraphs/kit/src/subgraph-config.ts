import { z } from 'zod';
import { nodeEnvVar, parseEnv, portVar, postgresUrlVar, readAll, secretVar } from './config.ts';
import { loadObservabilityConfig, type ObservabilityConfig } from './observability/config.ts';
import { subgraphDatabaseUrl } from './database-url.ts';
import type { RequestBoundsConfig } from './request-bounds.ts';
import type { SubgraphInfo } from './subgraph-info.ts';

/** A subgraph process's configuration, read from the environment once and validated (every problem listed). */
export interface SubgraphConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly production: boolean;
  readonly poolSize: number;
  /** Secret shared with the gateway, which signs every request (no default: `npm start` makes one for development). */
  readonly signingSecret: string;
  /** PostgreSQL `statement_timeout` of the subgraph's connections, in ms (STATEMENT_TIMEOUT_MS). */
  readonly statementTimeoutMs: number;
  /** Objects one request may resolve and how long it may take (request-bounds.ts). */
  readonly bounds: RequestBoundsConfig;
  /** Metrics, logs and traces (observability/config.ts). */
  readonly observability: ObservabilityConfig;
  /**
   * Where the register's public URN → LA lookup is published (SCHOOL_AREAS_URL: the local-authorities subgraph's
   * `/reference/school-areas.csv`) and how often to fetch it again (SCHOOL_AREAS_REFRESH_SECONDS); null when unset.
   * Used by subgraphs whose import spec loads `school-areas.csv` (area/school-areas-refresh.ts).
   */
  readonly schoolAreas: { readonly url: string; readonly refreshSeconds: number } | null;
}

/** Defaults of a subgraph's bounds: under the gateway's 10 s wait for a subgraph (SUBGRAPH_TIMEOUT_MS). */
export const SUBGRAPH_BOUNDS = { statementTimeoutMs: 8000, timeLimitMs: 9000, maxObjects: 100_000 } as const;

export function loadSubgraphConfig(info: SubgraphInfo, env: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  const p = info.envPrefix;
  const schema = z
    .object({
      NODE_ENV: nodeEnvVar,
      HOST: z.string().default('127.0.0.1'),
      DATABASE_URL: postgresUrlVar,
      [`${p}_DATABASE_URL`]: postgresUrlVar,
      [`${p}_PORT`]: portVar(info.defaultPort),
      DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
      SUBGRAPH_SIGNING_SECRET: secretVar,
      STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(10).max(3_600_000).default(SUBGRAPH_BOUNDS.statementTimeoutMs),
      REQUEST_TIME_LIMIT_MS: z.coerce.number().int().min(10).max(3_600_000).default(SUBGRAPH_BOUNDS.timeLimitMs),
      MAX_OBJECTS_PER_REQUEST: z.coerce.number().int().min(1).default(SUBGRAPH_BOUNDS.maxObjects),
      SCHOOL_AREAS_URL: z.union([z.literal('').transform(() => undefined), z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' })]).optional(),
      SCHOOL_AREAS_REFRESH_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    })
    .refine((e) => e.DATABASE_URL || e[`${p}_DATABASE_URL`], {
      message: `set DATABASE_URL (a PostgreSQL server; the subgraph uses its database ${info.databaseName}) or ${p}_DATABASE_URL`,
      path: ['DATABASE_URL'],
    });
  const [e, observability] = readAll(
    () => parseEnv(schema as unknown as z.ZodObject, env) as Record<string, unknown>,
    () => loadObservabilityConfig(env),
  );
  return {
    port: e[`${p}_PORT`] as number,
    host: e.HOST as string,
    databaseUrl: subgraphDatabaseUrl(info, (e.DATABASE_URL as string | undefined) ?? (e[`${p}_DATABASE_URL`] as string), env),
    production: e.NODE_ENV === 'production',
    poolSize: e.DB_POOL_SIZE as number,
    signingSecret: e.SUBGRAPH_SIGNING_SECRET as string,
    statementTimeoutMs: e.STATEMENT_TIMEOUT_MS as number,
    bounds: { timeLimitMs: e.REQUEST_TIME_LIMIT_MS as number, maxObjects: e.MAX_OBJECTS_PER_REQUEST as number },
    observability,
    schoolAreas: e.SCHOOL_AREAS_URL ? { url: e.SCHOOL_AREAS_URL as string, refreshSeconds: e.SCHOOL_AREAS_REFRESH_SECONDS as number } : null,
  };
}
