import { readFileSync } from 'node:fs';
import type { SupergraphSdlHook } from '@apollo/gateway';
import { sha256 } from './current.ts';
import { followFile } from './file-watch.ts';
import type { SubgraphSettings } from './subgraph-settings.ts';
import { checkSupergraph } from './supergraph-check.ts';

/** A supergraph the gateway would not serve, and why. */
export interface RefusedSupergraph {
  readonly hash: string;
  readonly at: Date;
  readonly reason: string;
}

export interface FileSupergraphOptions {
  readonly path: string;
  readonly settings: SubgraphSettings;
  /** Debounce of change events and period of the check that reads the file whatever the events (file-watch.ts). */
  readonly debounceMs?: number;
  readonly pollMs?: number;
  /** Where accepted and refused supergraphs are reported (console by default). */
  readonly log?: (level: 'info' | 'error', message: string) => void;
}

const defaultLog = (level: 'info' | 'error', message: string) => (level === 'error' ? console.error : console.log)(`[gateway] ${message}`);
const short = (hash: string) => hash.slice(0, 12);

/**
 * The supergraph file as Apollo Gateway's supergraph manager (`supergraphSdl` as a function): the file's content at
 * start, then every new content the file takes (followFile: a folder watch, debounced, and a periodic read), handed to
 * the gateway with `update` once it passes Apollo's checks (supergraph-check.ts). The gateway switches schema and query
 * planner at once for new requests; requests already executing finish on the old ones. A supergraph that fails is
 * refused, logged with the reason and kept as `lastRefused`; the old one keeps serving.
 */
export class FileSupergraph {
  private readonly options: FileSupergraphOptions;
  private readonly log: NonNullable<FileSupergraphOptions['log']>;
  /** The last supergraph refused since the last one accepted (null once a newer one is served). */
  lastRefused: RefusedSupergraph | null = null;

  constructor(options: FileSupergraphOptions) {
    this.options = options;
    this.log = options.log ?? defaultLog;
  }

  /** For `new ApolloGateway({ supergraphSdl: file.hook })`. */
  readonly hook: SupergraphSdlHook = async ({ update }) => {
    const { path, settings } = this.options;
    const supergraphSdl = readFileSync(path, 'utf8');
    checkSupergraph(supergraphSdl, settings);
    const stop = followFile(
      path,
      sha256(supergraphSdl),
      (content, hash) => this.offer(content, hash, update),
      {
        debounceMs: this.options.debounceMs,
        pollMs: this.options.pollMs,
        onReadError: (error) => this.log('error', `cannot read the supergraph ${path} (still serving the last one): ${error.message}`),
      },
    );
    return { supergraphSdl, cleanup: async () => stop() };
  };

  private offer(content: string, hash: string, update: (sdl: string) => void): void {
    const started = performance.now();
    let subgraphs: number;
    try {
      subgraphs = checkSupergraph(content, this.options.settings).length;
      update(content);
    } catch (error) {
      const reason = ((error as Error).message || String(error)).slice(0, 4000);
      this.lastRefused = { hash, at: new Date(), reason };
      this.log('error', `refused the supergraph in ${this.options.path} (sha256 ${short(hash)}), still serving the last one: ${reason}`);
      return;
    }
    this.lastRefused = null;
    this.log('info', `now serving the supergraph in ${this.options.path} (sha256 ${short(hash)}, ${subgraphs} subgraphs, checked and loaded in ${Math.round(performance.now() - started)} ms)`);
  }
}
