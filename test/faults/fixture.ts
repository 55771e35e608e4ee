import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoData, writeDemoData } from '../../scripts/src/demo-data/generate.ts';
import type { DemoDataset } from '../../scripts/src/demo-data/types.ts';
import { PROJECT_ROOT } from '../../scripts/src/project-config.ts';
import { PERSONAS, tokenFor } from '../support/tokens.ts';
import type { GraphqlRequest } from './load.ts';

/** The small demo dataset written to a temporary folder, for the processes to load. */
export async function demoFolder(): Promise<{ folder: string; data: DemoDataset }> {
  const data = generateDemoData({ size: 'small', seed: 1 });
  const folder = mkdtempSync(join(tmpdir(), 'tdg-faults-'));
  await writeDemoData(data, folder);
  return { folder, data };
}

const REGIONS = ['A', 'B', 'D', 'E', 'F', 'G', 'H', 'J', 'K'];
const regionalOverview = readFileSync(join(PROJECT_ROOT, 'schema/operations/regional-overview.graphql'), 'utf8');

/** The regional overview (every subgraph answers part of it) for region i, as the administrator. */
export async function overviewRequests(): Promise<(i: number) => GraphqlRequest> {
  const token = await tokenFor(PERSONAS.admin);
  return (i) => ({ query: regionalOverview, operationName: 'RegionalOverview', variables: { regionCode: REGIONS[i % REGIONS.length], academicYear: 2023 }, token });
}

export const adminToken = () => tokenFor(PERSONAS.admin);

interface OverviewData {
  region: { openSchoolCount: number; ittEngagement: unknown; inductionEngagement: unknown; npqEngagement: unknown; hubEngagement: unknown } | null;
}

export type { OverviewData };
