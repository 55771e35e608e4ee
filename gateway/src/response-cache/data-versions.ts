import { signRequest } from '@tdg/kit/auth/signing';
import type { CurrentSupergraph } from '../supergraph/current.ts';

/** Asks one subgraph for the version of its data; throws when it cannot tell. */
export type FetchVersion = (subgraph: string, graphqlUrl: string) => Promise<string>;

export interface DataVersionsOptions {
  /** GraphQL URL of each subgraph; its `/data-version` is beside it. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  /** Secret the requests are signed with (the subgraphs answer only the gateway). */
  readonly secret: string;
  /** Milliseconds between two polls of every subgraph. */
  readonly pollMs: number;
  /** How long one subgraph may take to answer before its version counts as unknown (default 2 s). */
  readonly timeoutMs?: number;
  /** How a version is asked for (default: a signed `GET /data-version`); for tests. */
  readonly fetchVersion?: FetchVersion;
}

/** `http://host:4003/graphql` → `http://host:4003/data-version` (beside the GraphQL path, whatever its prefix). */
export const dataVersionUrl = (graphqlUrl: string): string => new URL('data-version', graphqlUrl).toString();

/** A signed `GET /data-version` (an empty body, no identity), as subgraphs/kit/src/server.ts requires. */
export function signedVersionFetch(secret: string, timeoutMs: number): FetchVersion {
  return async (subgraph, graphqlUrl) => {
    const response = await fetch(dataVersionUrl(graphqlUrl), { headers: signRequest(secret, null, ''), signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`${subgraph}: GET /data-version answered HTTP ${response.status}`);
    const { version } = (await response.json()) as { version?: unknown };
    if (typeof version !== 'string' || version === '') throw new Error(`${subgraph}: GET /data-version answered no version`);
    return version;
  };
}

/**
 * The latest known data version of every subgraph (subgraphs/kit/src/audit/data-version.ts: it changes with every
 * committed write or import), polled every `pollMs` and refreshed on demand. `current()` joins them into one vector,
 * or null while any subgraph's version is unknown (not asked yet, unreachable, or answering an error).
 *
 * Polls may overlap (a refresh during a poll): an answer is kept only when no poll started later has answered first,
 * so after `refresh()` resolves every version is at least as new as the data was when it was called.
 */
export class DataVersions {
  private readonly options: DataVersionsOptions;
  private readonly fetchVersion: FetchVersion;
  private subgraphUrls: Readonly<Record<string, string>>;
  private names: string[];
  /** What else answers depend on, first in the vector (the served supergraph's hash): set with the subgraph list. */
  private generation = '';
  private readonly versions = new Map<string, string | null>();
  /** The round whose answer each subgraph's version is. */
  private readonly answeredRound = new Map<string, number>();
  private round = 0;
  private vector: string | null = null;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: DataVersionsOptions) {
    this.options = options;
    this.fetchVersion = options.fetchVersion ?? signedVersionFetch(options.secret, options.timeoutMs ?? 2000);
    this.subgraphUrls = options.subgraphUrls;
    this.names = Object.keys(options.subgraphUrls).sort();
  }

  /**
   * Another subgraph list (the gateway serves another supergraph, `generation` its hash): every version is unknown, so
   * nothing is read from or written to the cache, until each subgraph of the new list has answered; asks them now.
   */
  setSubgraphs(subgraphUrls: Readonly<Record<string, string>>, generation = ''): Promise<void> {
    this.subgraphUrls = subgraphUrls;
    this.names = Object.keys(subgraphUrls).sort();
    this.generation = generation;
    this.versions.clear();
    this.vector = null;
    return this.refresh();
  }

  /** One subgraph's version, or null while it is unknown (the entity cache: subgraph-calls/fetch-cache.ts). */
  of(subgraph: string): string | null {
    const version = this.versions.get(subgraph);
    return typeof version === 'string' ? `${this.generation}:${version}` : null;
  }

  /** Every subgraph's version, as one string (`name=version …`); null while any is unknown. */
  current(): string | null {
    return this.vector;
  }

  /** Asks every subgraph now; resolves once each has answered or failed (never rejects). */
  async refresh(): Promise<void> {
    this.round += 1;
    const round = this.round;
    const urls = this.subgraphUrls;
    await Promise.all(
      Object.keys(urls).map(async (name) => {
        let version: string | null;
        try {
          version = await this.fetchVersion(name, urls[name]);
        } catch {
          version = null;
        }
        if (round < (this.answeredRound.get(name) ?? 0) || urls !== this.subgraphUrls) return;
        this.answeredRound.set(name, round);
        this.versions.set(name, version);
        const known = this.names.every((n) => typeof this.versions.get(n) === 'string');
        this.vector = known ? [...(this.generation ? [`supergraph=${this.generation}`] : []), ...this.names.map((n) => `${n}=${this.versions.get(n)}`)].join(' ') : null;
      }),
    );
  }

  /** A first refresh, then one every `pollMs` (the timer does not keep the process alive). */
  async start(): Promise<void> {
    await this.refresh();
    this.schedule();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      void this.refresh().then(() => this.schedule());
    }, this.options.pollMs);
    this.timer.unref();
  }
}

export interface FollowedDataVersions {
  readonly versions: DataVersions;
  /** Resolves once every subgraph of the supergraph served now has been asked for its version (after the gateway loaded). */
  ready(): Promise<void>;
  /** Stops polling and following. */
  close(): void;
}

/**
 * The data versions of every subgraph of the supergraph served, polled every `pollMs`, following the gateway when it
 * serves another supergraph: what the response cache and the entity cache key their entries with (server.ts starts it
 * only when either is on).
 */
export async function followDataVersions(supergraph: CurrentSupergraph, secret: string, pollMs: number): Promise<FollowedDataVersions> {
  const versions = new DataVersions({ subgraphUrls: {}, secret, pollMs });
  let asked = Promise.resolve();
  const follow = () => {
    const served = supergraph.current;
    if (served) asked = versions.setSubgraphs(Object.fromEntries(served.subgraphs.map((s) => [s.name, s.url])), served.hash);
  };
  follow();
  const unsubscribe = supergraph.onChange(follow);
  await versions.start();
  return {
    versions,
    ready: () => asked,
    close: () => {
      unsubscribe();
      versions.close();
    },
  };
}
