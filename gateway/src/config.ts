import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, nodeEnvVar, parseEnv, portVar, readAll, secretVar } from '@tdg/kit/config';
import { loadObservabilityConfig, type ObservabilityConfig } from '@tdg/kit/observability/config';
import { z } from 'zod';
import { type AuthConfig, loadAuthConfig } from './auth/config.ts';
import type { Tier } from './auth/tier.ts';
import { loadOperationLimits, loadRateLimits, type OperationLimits } from './limits.ts';
import { loadPagesConfig, type PagesConfig } from './pages/config.ts';
import { subgraphsOfSupergraph } from './supergraph/subgraph-list.ts';
import { SubgraphSettings, timeoutVar } from './supergraph/subgraph-settings.ts';

/** The gateway's configuration, read once from the environment and validated (every problem listed). */
export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  readonly production: boolean;
  /** Path of the composed supergraph SDL (followed while the gateway runs: supergraph/). */
  readonly supergraphPath: string;
  /**
   * Where each subgraph of the served supergraph is and its timeout: `<NAME>_URL`, `<NAME>_PORT`, `<NAME>_TIMEOUT_MS`,
   * else the supergraph's routing URL and `SUBGRAPH_TIMEOUT_MS` (supergraph/subgraph-settings.ts).
   */
  readonly subgraphSettings: SubgraphSettings;
  /** How the supergraph file is followed: change events debounced `debounceMs`, and read every `pollMs` anyway. */
  readonly supergraphWatch: { readonly debounceMs: number; readonly pollMs: number };
  /** Secret shared with the subgraphs, to sign every request sent to them. */
  readonly signingSecret: string;
  /** How bearer tokens are verified. */
  readonly auth: AuthConfig;
  /** Requests per minute per identity (per IP when anonymous), by tier; 0 is no limit. */
  readonly rateLimits: Readonly<Record<Tier, number>>;
  /** Largest answer the gateway reads from a subgraph, in bytes (MAX_SUBGRAPH_RESPONSE_MB): past it, RESPONSE_TOO_LARGE. */
  readonly maxSubgraphResponseBytes: number;
  /** Depth, alias, token, cost and directive limits of one operation, by tier (MAX_DEPTH_ANALYST, COST_BUDGET_ADMIN, …). */
  readonly operationLimits: Readonly<Record<Tier, OperationLimits>>;
  /** Which proxies' X-Forwarded-For to believe for the client IP (anonymous rate limit): fastify's `trustProxy`. */
  readonly trustProxy: boolean | string;
  /** Identical reads in flight for callers of the same access scope share one subgraph call (signed-data-source.ts). */
  readonly shareInFlightReads: boolean;
  /** Fetches to one subgraph that one query starts together are sent as one request (BATCH_SUBGRAPH_FETCHES). */
  readonly batchSubgraphFetches: boolean;
  /**
   * The entity cache (subgraph-calls/fetch-cache.ts): each subgraph's answers to fetches kept per access scope until
   * that subgraph's data version changes (polled every RESPONSE_CACHE_POLL_MS); off when `ttlSeconds` is 0.
   */
  readonly entityCache: { readonly ttlSeconds: number; readonly maxMb: number };
  /** The response cache (response-cache/): off, and nothing of it started, when `ttlSeconds` is 0. */
  readonly responseCache: ResponseCacheConfig;
  /** The explorer and dashboard pages (pages/). */
  readonly pages: PagesConfig;
  /** Metrics, logs and traces (observability/; variables shared with the subgraphs: kit/src/observability/config.ts). */
  readonly observability: ObservabilityConfig;
}

export interface ResponseCacheConfig {
  /** How long a query's answer may be served from the cache, in seconds; 0: no cache (the default). */
  readonly ttlSeconds: number;
  /** How often each subgraph's data version is asked for, in milliseconds. */
  readonly pollMs: number;
  /** Most memory the cached answers may take, in MiB (least recently used answers go first). */
  readonly maxMb: number;
}

/** TRUST_PROXY: unset/false (the socket's address), true (any proxy), or proxy addresses/CIDRs separated by commas. */
const trustProxyVar = z
  .string()
  .default('false')
  .transform((v) => (v === 'true' ? true : v === 'false' || v === '' ? false : v));

/** Default of SUBGRAPH_TIMEOUT_MS: how long the gateway waits for a subgraph's answer. */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;

/** Quiet time after the supergraph file's last change event before it is read (a write in several steps read once). */
const SUPERGRAPH_DEBOUNCE_MS = 200;

const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const shape: Record<string, z.ZodType> = {
    NODE_ENV: nodeEnvVar,
    GATEWAY_PORT: portVar(4000),
    HOST: z.string().default('127.0.0.1'),
    SUBGRAPH_SIGNING_SECRET: secretVar,
    SUPERGRAPH_PATH: z.string().default(DEFAULT_SUPERGRAPH_PATH),
    SUBGRAPH_TIMEOUT_MS: timeoutVar.default(DEFAULT_SUBGRAPH_TIMEOUT_MS),
    SUPERGRAPH_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(2000),
    TRUST_PROXY: trustProxyVar,
    RESPONSE_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).default(0),
    RESPONSE_CACHE_POLL_MS: z.coerce.number().int().min(10).max(3_600_000).default(1000),
    RESPONSE_CACHE_MAX_MB: z.coerce.number().int().min(1).default(64),
    ENTITY_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).default(0),
    ENTITY_CACHE_MAX_MB: z.coerce.number().int().min(1).default(64),
    SHARE_IN_FLIGHT_READS: z.enum(['true', 'false']).default('true'),
    BATCH_SUBGRAPH_FETCHES: z.enum(['true', 'false']).default('true'),
    MAX_SUBGRAPH_RESPONSE_MB: z.coerce.number().positive().max(1024).default(16),
  };
  const [e, auth, rateLimits, subgraphSettings, operationLimits, pages, observability] = readAll(
    () => parseEnv(z.object(shape), env) as Record<string, unknown>,
    () => loadAuthConfig(env),
    () => loadRateLimits(env),
    () => loadSubgraphSettings(env),
    () => loadOperationLimits(env),
    () => loadPagesConfig(env),
    () => loadObservabilityConfig(env),
  );
  const supergraphPath = e.SUPERGRAPH_PATH as string;
  return {
    port: e.GATEWAY_PORT as number,
    host: e.HOST as string,
    production: e.NODE_ENV === 'production',
    supergraphPath,
    subgraphSettings,
    supergraphWatch: { debounceMs: SUPERGRAPH_DEBOUNCE_MS, pollMs: e.SUPERGRAPH_POLL_MS as number },
    signingSecret: e.SUBGRAPH_SIGNING_SECRET as string,
    auth,
    rateLimits,
    operationLimits,
    maxSubgraphResponseBytes: Math.round((e.MAX_SUBGRAPH_RESPONSE_MB as number) * 1024 * 1024),
    trustProxy: e.TRUST_PROXY as boolean | string,
    responseCache: {
      ttlSeconds: e.RESPONSE_CACHE_TTL_SECONDS as number,
      pollMs: e.RESPONSE_CACHE_POLL_MS as number,
      maxMb: e.RESPONSE_CACHE_MAX_MB as number,
    },
    entityCache: { ttlSeconds: e.ENTITY_CACHE_TTL_SECONDS as number, maxMb: e.ENTITY_CACHE_MAX_MB as number },
    shareInFlightReads: e.SHARE_IN_FLIGHT_READS === 'true',
    batchSubgraphFetches: e.BATCH_SUBGRAPH_FETCHES === 'true',
    pages,
    observability,
  };
}

/**
 * The per-subgraph settings, checked against the subgraphs of the supergraph served at start (those of a supergraph
 * loaded later are checked when it is loaded); a ConfigError when the file cannot be read or is not a supergraph.
 */
function loadSubgraphSettings(env: NodeJS.ProcessEnv): SubgraphSettings {
  const timeout = timeoutVar.safeParse(env.SUBGRAPH_TIMEOUT_MS || DEFAULT_SUBGRAPH_TIMEOUT_MS);
  const settings = new SubgraphSettings(env, timeout.success ? timeout.data : DEFAULT_SUBGRAPH_TIMEOUT_MS);
  const path = env.SUPERGRAPH_PATH || DEFAULT_SUPERGRAPH_PATH;
  let sdl: string;
  try {
    sdl = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`SUPERGRAPH_PATH: cannot read ${path}: ${(error as Error).message}`]);
  }
  try {
    settings.resolve(subgraphsOfSupergraph(sdl));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([`SUPERGRAPH_PATH: ${path} is not a supergraph: ${(error as Error).message}`]);
  }
  return settings;
}
