/**
 * The targets, each run as its own process in front of the same subgraphs and the same supergraph (its subgraph URLs
 * pointed at the benchmark's subgraphs), all in production mode with the same signing secret.
 */
import { gatewayNodeOptions } from '@tdg/gateway';
import { readLocalSubgraphs } from '../../../scripts/src/subgraph-list.ts';
import { BENCH_SIGNING_SECRET, ROOT } from '../config.ts';

/** The subgraphs of schema/supergraph.yaml that run from this repository. */
const SUBGRAPHS = readLocalSubgraphs();

export const TARGET_IDS = ['ours', 'ours-unshared', 'ours-entity-cache', 'ours-cached', 'apollo-default', 'hive', 'hive-rust', 'floor'] as const;
export type TargetId = (typeof TARGET_IDS)[number];

export interface TargetSetup {
  readonly port: number;
  readonly supergraphPath: string;
  readonly subgraphUrls: Readonly<Record<string, string>>;
  /** `<PREFIX>_DATABASE_URL` of each subgraph (the floor reads the databases directly). */
  readonly databaseEnv: Readonly<Record<string, string>>;
  /** JWT settings of our gateway. */
  readonly jwtEnv: Readonly<Record<string, string>>;
}

export interface TargetDefinition {
  readonly id: TargetId;
  readonly label: string;
  readonly script: string;
  /** Answers from a response cache: its figures are reported apart, never against the (uncached) targets. */
  readonly cached?: boolean;
  env(setup: TargetSetup): Record<string, string>;
}

const common = (setup: TargetSetup) => ({
  NODE_ENV: 'production',
  // One JSON line per request would fill the log files over a full run (observability: LOG_LEVEL).
  LOG_LEVEL: 'warn',
  PORT: String(setup.port),
  SUPERGRAPH_PATH: setup.supergraphPath,
  SUBGRAPH_SIGNING_SECRET: BENCH_SIGNING_SECRET,
});

/** Rate limits far above any benchmark load: the limiter still counts every request, it never refuses one. */
const UNREACHED_RATE_LIMIT = '100000000';

/** Our gateway as configured for production, pointed at the benchmark's subgraphs and key. */
const oursEnv = (setup: TargetSetup) => ({
  ...common(setup),
  // As npm start and docker-compose run it (gateway/src/node-options.ts).
  NODE_OPTIONS: gatewayNodeOptions(process.env.NODE_OPTIONS),
  GATEWAY_PORT: String(setup.port),
  HOST: '127.0.0.1',
  ...Object.fromEntries(SUBGRAPHS.map((s) => [`${s.envPrefix}_URL`, setup.subgraphUrls[s.name]])),
  ...setup.jwtEnv,
  RATE_LIMIT_PER_MINUTE_ANONYMOUS: UNREACHED_RATE_LIMIT,
  RATE_LIMIT_PER_MINUTE_STAFF: UNREACHED_RATE_LIMIT,
  RATE_LIMIT_PER_MINUTE_ANALYST: UNREACHED_RATE_LIMIT,
  RATE_LIMIT_PER_MINUTE_ADMIN: UNREACHED_RATE_LIMIT,
});

export const TARGETS: Readonly<Record<TargetId, TargetDefinition>> = {
  ours: {
    id: 'ours',
    label: 'our gateway (production config)',
    script: `${ROOT}gateway/src/main.ts`,
    env: (setup) => oursEnv(setup),
  },
  'ours-unshared': {
    id: 'ours-unshared',
    label: 'our gateway without sharing identical reads in flight (SHARE_IN_FLIGHT_READS=false): what that sharing is worth',
    script: `${ROOT}gateway/src/main.ts`,
    env: (setup) => ({ ...oursEnv(setup), SHARE_IN_FLIGHT_READS: 'false' }),
  },
  'ours-entity-cache': {
    id: 'ours-entity-cache',
    label: 'our gateway with its entity cache on (ENTITY_CACHE_TTL_SECONDS=300): subgraph fetches kept until that subgraph\'s data changes; cached figures, apart from the targets',
    script: `${ROOT}gateway/src/main.ts`,
    cached: true,
    env: (setup) => ({ ...oursEnv(setup), ENTITY_CACHE_TTL_SECONDS: '300' }),
  },
  'ours-cached': {
    id: 'ours-cached',
    label: 'our gateway with its response cache on (RESPONSE_CACHE_TTL_SECONDS=300): cached figures, apart from the targets',
    script: `${ROOT}gateway/src/main.ts`,
    cached: true,
    env: (setup) => ({ ...oursEnv(setup), RESPONSE_CACHE_TTL_SECONDS: '300' }),
  },
  'apollo-default': {
    id: 'apollo-default',
    label: '@apollo/gateway + @apollo/server defaults',
    script: `${ROOT}bench/src/targets/apollo-default.ts`,
    env: common,
  },
  hive: {
    id: 'hive',
    label: 'Hive Gateway',
    script: `${ROOT}bench/src/targets/hive.ts`,
    env: (setup) => ({ ...common(setup), HIVE_PLANNER: 'js' }),
  },
  'hive-rust': {
    id: 'hive-rust',
    label: 'Hive Gateway + Rust planner',
    script: `${ROOT}bench/src/targets/hive.ts`,
    env: (setup) => ({ ...common(setup), HIVE_PLANNER: 'rust' }),
  },
  floor: {
    id: 'floor',
    label: 'the floor: no gateway, hand-written SQL against the four databases',
    script: `${ROOT}bench/src/targets/floor.ts`,
    env: (setup) => ({ ...common(setup), ...setup.databaseEnv }),
  },
};

/** The supergraph with each subgraph's URL pointed at the benchmark's subgraphs (nothing else changes). */
export function benchSupergraph(sdl: string, urls: Readonly<Record<string, string>>): string {
  let out = sdl;
  for (const s of SUBGRAPHS) {
    const pattern = new RegExp(`(@join__graph\\(name: "${s.name}", url: )"[^"]*"`);
    if (!pattern.test(out)) throw new Error(`supergraph: no @join__graph for ${s.name}`);
    out = out.replace(pattern, `$1"${urls[s.name]}"`);
  }
  return out;
}
