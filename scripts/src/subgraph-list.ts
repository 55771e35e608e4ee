import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SUBGRAPH_NAME, envPrefixOf } from '@tdg/kit/subgraph-info';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { PROJECT_ROOT } from './project-config.ts';

/** The one list of the graph's subgraphs (rover's supergraph config format). */
export const SUPERGRAPH_CONFIG = resolve(PROJECT_ROOT, 'schema/supergraph.yaml');
/** Where the subgraphs that run from this repository live: `subgraphs/<name>/`. */
export const SUBGRAPHS_DIR = resolve(PROJECT_ROOT, 'subgraphs');

/** One subgraph of the list. */
export interface ListedSubgraph {
  /** Its name in the supergraph (the key under `subgraphs:`). */
  readonly name: string;
  /** Prefix of its environment variables (`<PREFIX>_URL`, `_PORT`, `_DATABASE_URL`). */
  readonly envPrefix: string;
  /** Where the gateway sends its requests unless `<PREFIX>_URL` says otherwise. */
  readonly routingUrl: string;
  /** Its SDL file (absolute), when the list names one (`schema.file`)… */
  readonly schemaFile?: string;
  /** …or the URL its SDL is introspected from (`schema.subgraph_url`: a subgraph that runs elsewhere). */
  readonly subgraphUrl?: string;
  /** Its package folder when it runs from this repository (`subgraphs/<name>/package.json` exists). */
  readonly folder?: string;
}

const entry = z.object({
  routing_url: z.string().url(),
  schema: z.union([z.object({ file: z.string().min(1) }).strict(), z.object({ subgraph_url: z.string().url() }).strict()]),
});
const roverConfig = z.object({
  federation_version: z.string().optional(),
  subgraphs: z.record(z.string().regex(SUBGRAPH_NAME, 'subgraph names are kebab-case'), entry),
});

/**
 * Reads the subgraph list (`schema/supergraph.yaml` unless another file is given): every subgraph's name, routing URL
 * and schema source, with its folder under `subgraphs/` (or `subgraphsDir`) when it has one. Errors name the file.
 */
export function readSubgraphList(configPath = SUPERGRAPH_CONFIG, subgraphsDir = SUBGRAPHS_DIR): ListedSubgraph[] {
  const parsed = roverConfig.safeParse(parseYaml(readFileSync(configPath, 'utf8')));
  if (!parsed.success) throw new Error(`${configPath}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const list = Object.entries(parsed.data.subgraphs).map(([name, s]): ListedSubgraph => {
    const folder = join(subgraphsDir, name);
    return {
      name,
      envPrefix: envPrefixOf(name),
      routingUrl: s.routing_url,
      ...('file' in s.schema ? { schemaFile: resolve(dirname(configPath), s.schema.file) } : { subgraphUrl: s.schema.subgraph_url }),
      ...(existsSync(join(folder, 'package.json')) ? { folder } : {}),
    };
  });
  const prefixes = new Map<string, string>();
  for (const s of list) {
    const other = prefixes.get(s.envPrefix);
    if (other) throw new Error(`${configPath}: subgraphs ${other} and ${s.name} share the environment prefix ${s.envPrefix}`);
    prefixes.set(s.envPrefix, s.name);
  }
  return list;
}

/** The listed subgraphs that run from this repository (a folder under `subgraphs/`), in list order. */
export const readLocalSubgraphs = (configPath = SUPERGRAPH_CONFIG): ListedSubgraph[] => readSubgraphList(configPath).filter((s) => s.folder);
