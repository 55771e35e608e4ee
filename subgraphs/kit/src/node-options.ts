/**
 * The V8 heap settings every subgraph runs with wherever this project starts it (`npm start`, docker-compose, each
 * subgraph's `npm start` script, the Kubernetes manifests): an old generation capped at 512 MiB and semi-spaces of
 * 16 MiB. A subgraph's live heap is ~60–150 MiB on the national dataset (entities, the per-request loaders' URN
 * lists); one request is bounded well below the cap by the gateway's cost budget and the subgraph's own object bound
 * (MAX_OBJECTS_PER_REQUEST, request-bounds.ts), so the cap is the last line: a process that still reaches it dies
 * with "heap out of memory" and is restarted (npm start's supervisor, docker-compose's restart policy).
 */
export const SUBGRAPH_NODE_OPTIONS = '--max-old-space-size=512 --max-semi-space-size=16';

/** NODE_OPTIONS for a subgraph process: whatever is already set, then the subgraphs' heap settings. */
export const subgraphNodeOptions = (existing: string | undefined): string => [existing, SUBGRAPH_NODE_OPTIONS].filter(Boolean).join(' ');
