/**
 * The V8 heap settings the gateway runs with wherever this project starts it (`npm start`, docker-compose, the
 * benchmark): a young generation of at most 32 MiB per semi-space and an old generation capped at 384 MiB. The gateway
 * makes many short-lived objects per request (plans' results, subgraph answers, JSON); with 8 MiB semi-spaces the
 * scavenger took ~12% of its CPU under load and throughput was ~0.85× Apollo Gateway's defaults on the same
 * operations, with 32 MiB about the same as them (measured side by side, bench/README.md). Peak RSS stays well below
 * Apollo's defaults (~260 MiB against ~400 MiB on the region dataset): the live heap is ~60 MiB, plus the query-plan
 * cache (30 MiB) and the response or entity cache when on (64 MiB each by default). A deployment that raises those
 * caches much further raises `--max-old-space-size` with them.
 */
export const GATEWAY_NODE_OPTIONS = '--max-old-space-size=384 --max-semi-space-size=32';

/** NODE_OPTIONS for the gateway process: whatever is already set, then the gateway's heap settings. */
export const gatewayNodeOptions = (existing: string | undefined): string => [existing, GATEWAY_NODE_OPTIONS].filter(Boolean).join(' ');
