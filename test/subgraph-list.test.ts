import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { composeSupergraph } from '../scripts/src/composition.ts';
import { generateDemoData, writeDemoData } from '../scripts/src/demo-data/generate.ts';
import { readSubgraphList, SUPERGRAPH_CONFIG } from '../scripts/src/subgraph-list.ts';
import { loadSubgraphPackages, SUBGRAPH_PACKAGES } from '../scripts/src/subgraph-packages.ts';
import { startFederation, type TestFederation } from './support/federation.ts';
import { TEST_SIGNING_SECRET } from './support/subgraph-harness.ts';
import { PERSONAS, tokenFor } from './support/tokens.ts';
import { startVisitsSubgraph, type VisitsSubgraph } from './support/visits-subgraph.ts';

/**
 * schema/supergraph.yaml is the one list of the graph's subgraphs: what is on it is composed, started and served; what
 * is taken off it leaves the graph, with no other file edited.
 */
const root = join(import.meta.dirname, '..');
type RoverConfig = { subgraphs: Record<string, unknown> };

/** A copy of the repository's schema folder (SDL files and list), the list changed by `edit`. */
function schemaCopy(edit: (config: RoverConfig) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'tdg-list-'));
  for (const file of readdirSync(join(root, 'schema'))) if (file.endsWith('.graphql')) copyFileSync(join(root, 'schema', file), join(dir, file));
  const config = parse(readFileSync(SUPERGRAPH_CONFIG, 'utf8')) as RoverConfig;
  edit(config);
  writeFileSync(join(dir, 'supergraph.yaml'), stringify(config));
  return join(dir, 'supergraph.yaml');
}

/** Composes a list and writes its supergraph beside it. */
async function composeList(configPath: string): Promise<string> {
  const result = await composeSupergraph(configPath, { signingSecret: TEST_SIGNING_SECRET });
  expect(result.errors).toEqual([]);
  const path = join(configPath, '..', 'supergraph.graphql');
  writeFileSync(path, result.supergraphSdl!);
  return path;
}

test('every listed subgraph that runs from this repository is its own package: name, port and database declared there', () => {
  const list = readSubgraphList();
  expect(SUBGRAPH_PACKAGES.map((p) => p.info.name)).toEqual(list.filter((s) => s.folder).map((s) => s.name));
  for (const pkg of SUBGRAPH_PACKAGES) {
    const listed = list.find((s) => s.name === pkg.info.name)!;
    // The list's routing URL is where the package listens by default.
    expect({ name: pkg.info.name, port: new URL(listed.routingUrl).port }).toEqual({ name: pkg.info.name, port: String(pkg.info.defaultPort) });
    expect(pkg.module.name).toBe(pkg.info.name);
  }
  for (const key of ['defaultPort', 'databaseName', 'envPrefix'] as const) {
    expect(new Set(SUBGRAPH_PACKAGES.map((p) => p.info[key])).size).toBe(SUBGRAPH_PACKAGES.length);
  }
});

test('a bad list is refused naming the file and the entry', () => {
  const path = schemaCopy((c) => {
    c.subgraphs.Bad_Name = { routing_url: 'not a url', schema: { file: './x.graphql' } };
  });
  expect(() => readSubgraphList(path)).toThrow(/supergraph\.yaml: subgraphs\.Bad_Name/);
});

describe('a subgraph put on the list and taken off again', () => {
  let visits: VisitsSubgraph;
  let fed: TestFederation | undefined;
  const folder = mkdtempSync(join(tmpdir(), 'tdg-list-data-'));
  const data = generateDemoData({ size: 'small', seed: 3 });
  const school = data['schools.csv'][0];
  const placements = data['placements.csv'].filter((p) => p.urn === school.urn).length;

  beforeAll(async () => {
    await writeDemoData(data, folder);
    visits = await startVisitsSubgraph([
      { urn: school.urn, visitedOn: '2024-10-01' },
      { urn: school.urn, visitedOn: '2025-01-15' },
    ]);
  });
  afterEach(async () => {
    await fed?.close();
    fed = undefined;
  });
  afterAll(() => visits?.close());

  const ask = async (query: string) => fed!.query(query, {}, undefined, await tokenFor(PERSONAS.admin));
  const readyNames = async () => {
    const ready = (await (await fetch(fed!.gatewayUrl.replace(/\/graphql$/, '/ready'))).json()) as { subgraphs: { name: string }[] };
    return ready.subgraphs.map((s) => s.name).sort();
  };

  test('listed (introspected through its subgraph_url, signed), it is composed and served beside the four', async () => {
    const list = schemaCopy((c) => {
      c.subgraphs[visits.name] = { routing_url: visits.url, schema: { subgraph_url: visits.url } };
    });
    const supergraph = await composeList(list);
    const packages = await loadSubgraphPackages(readSubgraphList(list));
    expect(packages.map((p) => p.info.name)).toEqual(SUBGRAPH_PACKAGES.map((p) => p.info.name));
    fed = await startFederation(folder, { SUPERGRAPH_PATH: supergraph }, { packages });
    const res = await ask(`{ school(urn: "${school.urn}") { name partnerVisitCount } partnerVisitTotal }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ school: { name: school.name, partnerVisitCount: 2 }, partnerVisitTotal: 2 });
    expect(await readyNames()).toEqual([...SUBGRAPH_PACKAGES.map((p) => p.info.name), visits.name].sort());
  });

  test('taken off the list and composed again, it is gone from the graph and the rest answers', async () => {
    const list = schemaCopy(() => undefined);
    const supergraph = await composeList(list);
    expect(readFileSync(supergraph, 'utf8')).not.toContain(visits.name);
    fed = await startFederation(folder, { SUPERGRAPH_PATH: supergraph }, { packages: await loadSubgraphPackages(readSubgraphList(list)) });
    const gone = await ask(`{ school(urn: "${school.urn}") { name partnerVisitCount } }`);
    expect(gone.errors?.[0]).toMatchObject({ message: expect.stringContaining('partnerVisitCount'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const rest = await ask(`{ school(urn: "${school.urn}") { name placements { id } } }`);
    expect(rest.errors).toBeUndefined();
    expect(rest.data).toEqual({ school: { name: school.name, placements: expect.any(Array) } });
    expect((rest.data as { school: { placements: unknown[] } }).school.placements).toHaveLength(placements);
    expect(await readyNames()).toEqual(SUBGRAPH_PACKAGES.map((p) => p.info.name).sort());
  });
});

test('the four depend on one another (cold spots, growing our own): taking one off fails composition, naming the field that needs it', async () => {
  const result = await composeSupergraph(schemaCopy((c) => delete c.subgraphs['curriculum-hubs']));
  expect(result.supergraphSdl).toBeUndefined();
  expect(result.errors.join('\n')).toMatch(/ColdSpotReport\.curriculumEngagedUrns.*local-authorities/);
});
