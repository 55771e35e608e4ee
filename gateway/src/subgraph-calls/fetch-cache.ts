import { LRUCache } from 'lru-cache';
import type { SharedAnswer } from './in-flight.ts';

/** The data version of a subgraph now, or null while it is not known (subgraphs/kit/src/audit/data-version.ts). */
export interface SubgraphVersions {
  of(subgraph: string): string | null;
}

export interface FetchCacheOptions {
  /** Longest an answer is served again, in milliseconds, even if the subgraph's data version has not changed. */
  readonly ttlMs: number;
  /** Most memory the kept answers may take, in bytes (least recently used first out). */
  readonly maxBytes: number;
  /** Told of each lookup (metrics: tdg_entity_cache_lookups_total). */
  readonly observe?: (subgraph: string, result: 'hit' | 'miss') => void;
}

/**
 * The entity cache (ENTITY_CACHE_TTL_SECONDS; off by default): a subgraph's answer to one fetch — an `_entities` call
 * with its representations, or a root field with its arguments — kept and served again to callers of the same access
 * scope, for as long as that subgraph's data version stays the same (and at most `ttlMs`). Where the response cache
 * keeps whole answers and is dropped when ANY subgraph changes, this keeps the parts: a regional overview asked for
 * another year reuses the region's and LAs' fetch from the local-authorities subgraph, and a write to the SCITT
 * subgraph leaves every other subgraph's answers in place.
 *
 * A key is the subgraph, its data version, the gateway's own write epoch for it (a write through this gateway is seen by
 * its next read, before the version is polled again), the caller's access scope and the exact request body. Only
 * answers without `errors` are kept. Nothing is read or kept while the subgraph's version is unknown.
 */
export class FetchCache {
  private readonly entries: LRUCache<string, SharedAnswer>;
  private versions: SubgraphVersions | null = null;
  private readonly observe?: FetchCacheOptions['observe'];

  constructor(options: FetchCacheOptions) {
    this.observe = options.observe;
    this.entries = new LRUCache<string, SharedAnswer>({
      maxSize: options.maxBytes,
      // UTF-16 strings: about two bytes a character.
      sizeCalculation: (answer, key) => 2 * (answer.body.length + key.length) + 200,
      ttl: options.ttlMs,
    });
  }

  /** Where the data versions come from (set once they are polled: server.ts). */
  useVersions(versions: SubgraphVersions): void {
    this.versions = versions;
  }

  /** The key of a read of `subgraph` (`read` the in-flight key: write epoch, scope, body), or null: not cacheable now. */
  keyOf(subgraph: string, read: string): string | null {
    const version = this.versions?.of(subgraph);
    return version ? `${subgraph}\n${version}\n${read}` : null;
  }

  get(subgraph: string, key: string): SharedAnswer | undefined {
    const answer = this.entries.get(key);
    this.observe?.(subgraph, answer ? 'hit' : 'miss');
    return answer;
  }

  /** Keeps a successful answer without errors. */
  set(key: string, answer: SharedAnswer): void {
    if (answer.status !== 200 || answer.body.includes('"errors"')) return;
    this.entries.set(key, answer);
  }
}
