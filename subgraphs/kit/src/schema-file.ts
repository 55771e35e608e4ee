import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DocumentNode, parse } from 'graphql';

/**
 * A subgraph's SDL file (a path or file URL, e.g. `new URL('../../../schema/scitts.graphql', import.meta.url)`), parsed.
 * The file is the one `schema/supergraph.yaml` names for the subgraph.
 */
export const loadTypeDefs = (file: string | URL): DocumentNode => parse(readFileSync(file instanceof URL ? fileURLToPath(file) : file, 'utf8'));
