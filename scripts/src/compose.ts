/**
 * `npm run compose`: writes schema/supergraph.graphql from the subgraph SDL files (schema/supergraph.yaml), and the
 * deployment files that follow the list: deploy/kubernetes/ and docker-compose.yml.
 * `npm run compose -- --check`: fails when composition fails or the committed supergraph is stale.
 * A subgraph listed with `schema.subgraph_url` is introspected, signed with SUBGRAPH_SIGNING_SECRET (in development the
 * secret `npm start` made under DATA_DIR).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { SUPERGRAPH_PATH, composeSupergraph } from './composition.ts';
import { ensureDevSecret } from './dev-secrets.ts';
import { writeDockerCompose } from './docker-compose-file.ts';
import { writeKubernetes } from './kubernetes.ts';
import { PROJECT_ROOT } from './project-config.ts';
import { readSubgraphList } from './subgraph-list.ts';
import { SUBGRAPH_INFOS } from './subgraph-packages.ts';

const check = process.argv.includes('--check');
if (readSubgraphList().some((s) => s.subgraphUrl)) ensureDevSecret(process.env, 'SUBGRAPH_SIGNING_SECRET', process.env.DATA_DIR ?? `${PROJECT_ROOT}.data`);
const result = await composeSupergraph();
for (const hint of result.hints) console.warn(`hint ${hint.split('\n')[0]}`);
if (!result.supergraphSdl) {
  console.error(`composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}
if (check) {
  const current = existsSync(SUPERGRAPH_PATH) ? readFileSync(SUPERGRAPH_PATH, 'utf8') : '';
  if (current !== result.supergraphSdl) {
    console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit it');
    process.exit(1);
  }
  console.log('schema/supergraph.graphql is up to date');
} else {
  // Written beside it and renamed over it: a running gateway following the file never reads half of it.
  writeFileSync(`${SUPERGRAPH_PATH}.tmp`, result.supergraphSdl);
  renameSync(`${SUPERGRAPH_PATH}.tmp`, SUPERGRAPH_PATH);
  console.log(`wrote ${SUPERGRAPH_PATH}`);
  // The gateway's ConfigMap in deploy/kubernetes/ carries the same supergraph.
  writeKubernetes(result.supergraphSdl);
  // docker-compose.yml runs the same subgraphs.
  writeDockerCompose(SUBGRAPH_INFOS);
}
