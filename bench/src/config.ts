import { fileURLToPath } from 'node:url';
import { readLocalSubgraphs } from '../../scripts/src/subgraph-list.ts';

/** Root of the repository. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type Mode = 'quick' | 'full';
export type DatasetSize = 'small' | 'region' | 'national';

/** How much a run measures: the dataset, and how long and how often each operation is put under load per target. */
export interface ModeConfig {
  readonly mode: Mode;
  readonly size: DatasetSize;
  readonly seed: number;
  /** Rounds per operation: each round measures every target once, in turn (A B C A B C …). */
  readonly rounds: number;
  /** Seconds of load per target per round (whole seconds: autocannon measures in one-second ticks). */
  readonly durationSeconds: number;
  /**
   * Seconds of unmeasured load per target before its first round of an operation (whole seconds); 0: none beyond the
   * answer check, which has sent every operation to every target once.
   */
  readonly warmupSeconds: number;
  /** Concurrent connections (requests in flight) of the load generator. */
  readonly connections: number;
  /** One response in this many is kept and compared, in full, with the reference answer (results before the distinct-callers load). */
  readonly sampleEvery: number;
  /** At most this many sets of variables per operation in the distinct-callers and mixed loads (a multiple of `connections`). */
  readonly variants: number;
  /** Timed requests per operation and target for the latency of one request alone (the median is reported). */
  readonly aloneSamples: number;
  /** Targets of the identical-variables scenario (all when absent). */
  readonly identicalTargets?: readonly string[];
}

export const MODES: Record<Mode, ModeConfig> = {
  // For development: about three minutes on a 2-core machine, region-size data, one short round.
  // The identical-variables scenario runs on ours, Apollo's defaults and the floor only (what sharing reads in flight is worth).
  quick: {
    mode: 'quick',
    size: 'region',
    seed: 1,
    rounds: 1,
    durationSeconds: 1,
    warmupSeconds: 0,
    connections: 8,
    sampleEvery: 20,
    variants: 16,
    aloneSamples: 1,
    identicalTargets: ['ours', 'apollo-default', 'floor'],
  },
  // The published numbers: national data, three alternating rounds (about 30 minutes with seven targets on a 2-core machine, a third of it
  // on the cold-spot operations, whose abandoned requests take seconds to drain after each window).
  full: { mode: 'full', size: 'national', seed: 1, rounds: 3, durationSeconds: 6, warmupSeconds: 2, connections: 8, sampleEvery: 50, variants: 48, aloneSamples: 3 },
};

/** Ports of the benchmark's own processes, away from `npm start` (4000–4004) and the tests (free ports). */
export interface Ports {
  readonly subgraphs: Readonly<Record<string, number>>;
  readonly target: number;
  readonly embeddedPostgres: number;
}

export function benchPorts(env: NodeJS.ProcessEnv = process.env): Ports {
  const base = Number(env.BENCH_PORT_BASE ?? 4100);
  return {
    // base + 1, + 2, … in the order of schema/supergraph.yaml (the subgraphs that run from this repository).
    subgraphs: Object.fromEntries(readLocalSubgraphs().map((s, i) => [s.name, base + 1 + i])),
    // One target runs at a time, each as its own process on this port.
    target: base + 10,
    embeddedPostgres: Number(env.BENCH_PG_PORT ?? 54339),
  };
}

/** Where results, logs and the benchmark's embedded PostgreSQL live. */
export const PATHS = {
  results: `${ROOT}bench/results`,
  logs: `${ROOT}bench/results/logs`,
  docs: `${ROOT}docs/benchmark.md`,
  dataDir: process.env.DATA_DIR ?? `${ROOT}.data`,
  embeddedPostgres: `${process.env.DATA_DIR ?? `${ROOT}.data`}/bench-postgres`,
  supergraph: `${ROOT}schema/supergraph.graphql`,
  operations: `${ROOT}schema/operations`,
} as const;

/** The secret the benchmark's gateways sign subgraph requests with (the subgraphs are started with it). */
export const BENCH_SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef0123456789abcdef';
