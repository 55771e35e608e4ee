import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { PROJECT_ROOT } from './project-config.ts';

export const SUPERGRAPH_CONFIG = resolve(PROJECT_ROOT, 'schema/supergraph.yaml');
export const SUPERGRAPH_PATH = resolve(PROJECT_ROOT, 'schema/supergraph.graphql');

interface RoverConfig {
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

export interface Composition {
  readonly supergraphSdl?: string;
  readonly errors: string[];
  readonly hints: string[];
}

/** Composes the supergraph from the subgraph SDL files and routing URLs named in the rover-format config. */
export function composeSupergraph(configPath = SUPERGRAPH_CONFIG): Composition {
  const config = parseYaml(readFileSync(configPath, 'utf8')) as RoverConfig;
  const services = Object.entries(config.subgraphs).map(([name, s]) => ({
    name,
    url: s.routing_url,
    typeDefs: parse(readFileSync(resolve(dirname(configPath), s.schema.file), 'utf8')),
  }));
  const result = composeServices(services);
  const hints = (result.hints ?? []).map((h) => `${h.definition.code}: ${h.message}`);
  if (result.errors) return { errors: result.errors.map((e) => e.message), hints };
  return { supergraphSdl: `${result.supergraphSdl}\n`, errors: [], hints };
}
