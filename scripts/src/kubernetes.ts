/**
 * `npm run kubernetes`: writes deploy/kubernetes/ (scripts/src/kubernetes-manifests.ts) for the subgraphs of
 * schema/supergraph.yaml and the committed supergraph; `npm run compose` runs it too, so the ConfigMap follows the schema.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SUPERGRAPH_PATH } from './composition.ts';
import { renderKubernetes } from './kubernetes-manifests.ts';
import { PROJECT_ROOT } from './project-config.ts';
import { supergraphSubgraphs } from './supergraph-subgraphs.ts';

export const KUBERNETES_DIR = resolve(PROJECT_ROOT, 'deploy/kubernetes');

export function writeKubernetes(supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8')): string[] {
  mkdirSync(KUBERNETES_DIR, { recursive: true });
  const files = renderKubernetes(supergraphSubgraphs(), supergraphSdl);
  for (const [file, text] of files) writeFileSync(join(KUBERNETES_DIR, file), text);
  return [...files.keys()];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const written = writeKubernetes();
  console.log(`wrote ${written.length} files in ${KUBERNETES_DIR}`);
}
