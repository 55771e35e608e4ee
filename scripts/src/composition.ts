import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { signRequest } from '@tdg/kit/auth/signing';
import { parseSubgraphSdl } from '@tdg/kit/shared-sdl';
import type { DocumentNode } from 'graphql';
import { PROJECT_ROOT } from './project-config.ts';
import { SUPERGRAPH_CONFIG, readSubgraphList } from './subgraph-list.ts';

export { SUPERGRAPH_CONFIG };
export const SUPERGRAPH_PATH = resolve(PROJECT_ROOT, 'schema/supergraph.graphql');

export interface Composition {
  readonly supergraphSdl?: string;
  readonly errors: string[];
  readonly hints: string[];
}

export interface ComposeOptions {
  /** Secret to sign the `_service` requests of introspected subgraphs with (SUBGRAPH_SIGNING_SECRET). */
  readonly signingSecret?: string;
  /** How long an introspected subgraph may take to answer. */
  readonly timeoutMs?: number;
}

/**
 * A running subgraph's SDL, as composition needs it: `{ _service { sdl } }`, signed as the gateway signs (anonymous),
 * since every subgraph of this graph refuses unsigned requests.
 */
export async function introspectSubgraph(url: string, signingSecret: string | undefined, timeoutMs = 10_000): Promise<string> {
  if (!signingSecret) throw new Error(`${url}: set SUBGRAPH_SIGNING_SECRET to introspect a subgraph (its _service request is signed)`);
  const body = JSON.stringify({ query: '{ _service { sdl } }' });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signRequest(signingSecret, null, body) },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const answer = (await response.json().catch(() => ({}))) as { data?: { _service?: { sdl?: string } }; errors?: { message: string }[] };
  const sdl = answer.data?._service?.sdl;
  if (!response.ok || !sdl) throw new Error(`${url}: no SDL from { _service { sdl } } (HTTP ${response.status}${answer.errors ? `: ${answer.errors.map((e) => e.message).join('; ')}` : ''})`);
  return sdl;
}

/**
 * Composes the supergraph from the subgraph list (rover's format, `schema/supergraph.yaml` by default): each subgraph's
 * SDL from its file, or introspected from its `subgraph_url`, routed at its `routing_url`. A subgraph whose SDL cannot
 * be read is a composition error naming it.
 */
export async function composeSupergraph(configPath = SUPERGRAPH_CONFIG, options: ComposeOptions = {}): Promise<Composition> {
  const list = readSubgraphList(configPath);
  const errors: string[] = [];
  const services: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  for (const s of list) {
    try {
      const sdl = s.schemaFile ? readFileSync(s.schemaFile, 'utf8') : await introspectSubgraph(s.subgraphUrl!, options.signingSecret ?? process.env.SUBGRAPH_SIGNING_SECRET, options.timeoutMs);
      // A file gets the definitions every subgraph shares (the kit's sdl/shared.graphql), as the subgraph serving it does.
      services.push({ name: s.name, url: s.routingUrl, typeDefs: parseSubgraphSdl(sdl) });
    } catch (error) {
      errors.push(`[${s.name}] ${(error as Error).message}`);
    }
  }
  if (errors.length > 0) return { errors, hints: [] };
  const result = composeServices(services);
  const hints = (result.hints ?? []).map((h) => `${h.definition.code}: ${h.message}`);
  if (result.errors) return { errors: result.errors.map((e) => e.message), hints };
  return { supergraphSdl: `${result.supergraphSdl}\n`, errors: [], hints };
}
