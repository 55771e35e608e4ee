import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

/**
 * Adds a subgraph to the rover-format list (`schema/supergraph.yaml`), keeping its comments and order: routing URL
 * and schema file relative to the list's folder.
 */
export function addToSupergraphConfig(configPath: string, name: string, routingUrl: string, schemaFile: string): void {
  const doc = parseDocument(readFileSync(configPath, 'utf8'));
  if (doc.hasIn(['subgraphs', name])) throw new Error(`${configPath} already lists a subgraph named "${name}"`);
  doc.setIn(['subgraphs', name], doc.createNode({ routing_url: routingUrl, schema: { file: schemaFile } }));
  writeFileSync(configPath, doc.toString({ lineWidth: 0 }));
}
