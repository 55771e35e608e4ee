import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DocumentNode } from 'graphql';
import { parseSubgraphSdl } from './shared-sdl.ts';

/**
 * A subgraph's SDL file (a path or file URL, e.g. `new URL('../../../schema/scitts.graphql', import.meta.url)`), parsed,
 * with the definitions every subgraph shares added where it uses them (shared-sdl.ts). The file is the one
 * `schema/supergraph.yaml` names for the subgraph.
 */
export const loadTypeDefs = (file: string | URL): DocumentNode => parseSubgraphSdl(readFileSync(file instanceof URL ? fileURLToPath(file) : file, 'utf8'));
