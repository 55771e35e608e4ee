import { ConfigError } from '@tdg/kit/config';
import { z } from 'zod';
import { envPrefixOf, type SupergraphSubgraph } from './subgraph-list.ts';

/** Where the gateway sends one subgraph's requests and how long it waits for an answer. */
export interface SubgraphEndpoint {
  readonly name: string;
  /** The GraphQL URL the gateway calls. */
  readonly url: string;
  /** Milliseconds the gateway waits for an answer before giving up (SUBGRAPH_TIMEOUT). */
  readonly timeoutMs: number;
}

/** The bounds of a subgraph timeout, in milliseconds. */
export const TIMEOUT_BOUNDS = { min: 10, max: 600_000 } as const;

export const timeoutVar = z.coerce.number().int().min(TIMEOUT_BOUNDS.min).max(TIMEOUT_BOUNDS.max);
const urlVar = z.url({ protocol: /^https?$/ });
const portVar = z.coerce.number().int().min(1).max(65535);

/**
 * Per-subgraph settings from the environment, for whichever subgraphs the served supergraph names (the list may change
 * while the gateway runs: hot reload). For a subgraph `<name>` (prefix `<NAME>` in upper snake case):
 * - `<NAME>_URL`: its GraphQL URL; otherwise `<NAME>_PORT`: the supergraph's routing URL on that port; otherwise the
 *   supergraph's routing URL as composed;
 * - `<NAME>_TIMEOUT_MS`: its timeout; otherwise `SUBGRAPH_TIMEOUT_MS` (the default of every subgraph).
 */
export class SubgraphSettings {
  private readonly env: Readonly<Record<string, string | undefined>>;
  readonly defaultTimeoutMs: number;

  constructor(env: Readonly<Record<string, string | undefined>>, defaultTimeoutMs: number) {
    // A copy: settings are read when a supergraph is loaded, at start and on every reload, from the start-up environment.
    this.env = { ...env };
    this.defaultTimeoutMs = defaultTimeoutMs;
  }

  /** Every subgraph's endpoint; a ConfigError lists every invalid variable (and a subgraph with no URL at all). */
  resolve(subgraphs: readonly SupergraphSubgraph[]): SubgraphEndpoint[] {
    const problems: string[] = [];
    const endpoints = subgraphs.map((s) => {
      const prefix = envPrefixOf(s.name);
      const read = <T>(variable: string, schema: z.ZodType<T>): T | undefined => {
        const raw = this.env[variable];
        if (raw === undefined || raw === '') return undefined;
        const parsed = schema.safeParse(raw);
        if (parsed.success) return parsed.data;
        problems.push(`${variable}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
        return undefined;
      };
      const url = read(`${prefix}_URL`, urlVar);
      const port = read(`${prefix}_PORT`, portVar);
      const timeoutMs = read(`${prefix}_TIMEOUT_MS`, timeoutVar) ?? this.defaultTimeoutMs;
      let resolved = url ?? s.routingUrl;
      if (url === undefined && port !== undefined && s.routingUrl) {
        const withPort = new URL(s.routingUrl);
        withPort.port = String(port);
        resolved = withPort.toString();
      }
      if (!resolved) problems.push(`${prefix}_URL: required: the supergraph gives subgraph ${s.name} no routing URL`);
      return { name: s.name, url: resolved, timeoutMs };
    });
    if (problems.length > 0) throw new ConfigError(problems);
    return endpoints;
  }
}
