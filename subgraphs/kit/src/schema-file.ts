import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DocumentNode, parse } from 'graphql';

/** Path of a subgraph's SDL file under the repository's `schema/` folder. */
export const schemaPath = (subgraph: string): string =>
  fileURLToPath(new URL(`../../../schema/${subgraph}.graphql`, import.meta.url));

/** A subgraph's SDL, parsed. */
export const loadTypeDefs = (subgraph: string): DocumentNode => parse(readFileSync(schemaPath(subgraph), 'utf8'));
