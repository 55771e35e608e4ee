import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import codegenConfig, { codegenSubgraphs } from '../codegen/codegen.ts';
import { composeSupergraph, SUPERGRAPH_PATH } from '../scripts/src/composition.ts';
import { DOCKER_COMPOSE_PATH, renderDockerCompose } from '../scripts/src/docker-compose-file.ts';
import { SUBGRAPH_INFOS } from '../scripts/src/subgraph-packages.ts';

/** Committed generated files must match what their generators produce now. */
const root = join(import.meta.dirname, '..');

test('the subgraphs compose and schema/supergraph.graphql is up to date (npm run compose)', async () => {
  const result = await composeSupergraph();
  expect(result.errors).toEqual([]);
  expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(result.supergraphSdl);
});

test('resolver types are up to date with the SDL (npm run codegen)', async () => {
  const previous = process.cwd();
  process.chdir(root);
  try {
    const outputs = await generate({ ...codegenConfig, cwd: root, silent: true }, false);
    expect(outputs.length).toBe(codegenSubgraphs.length);
    for (const output of outputs) {
      expect({ file: output.filename, content: readFileSync(join(root, output.filename), 'utf8') }).toEqual({ file: output.filename, content: output.content });
    }
  } finally {
    process.chdir(previous);
  }
});

test('docker-compose.yml runs the listed subgraphs (npm run compose writes it)', () => {
  expect(readFileSync(DOCKER_COMPOSE_PATH, 'utf8')).toBe(renderDockerCompose(SUBGRAPH_INFOS));
});
