/**
 * The V8 heap settings the gateway runs with wherever this project starts it (`npm start`, docker-compose, the
 * benchmark): a young generation of at most 8 MiB per semi-space and an old generation capped at 384 MiB. Measured
 * on the national dataset under load (bench/README.md), they keep the process at ~200 MiB peak RSS instead of
 * ~300–370 MiB with V8's defaults, at the same throughput; the live heap is ~60 MiB, plus the query-plan cache (30 MiB)
 * and the response cache when on (RESPONSE_CACHE_MAX_MB, 64 MiB by default). A deployment that raises those caches
 * much further raises `--max-old-space-size` with them.
 */
export const GATEWAY_NODE_OPTIONS = '--max-old-space-size=384 --max-semi-space-size=8';

/** NODE_OPTIONS for the gateway process: whatever is already set, then the gateway's heap settings. */
export const gatewayNodeOptions = (existing: string | undefined): string => [existing, GATEWAY_NODE_OPTIONS].filter(Boolean).join(' ');
