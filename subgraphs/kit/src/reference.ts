import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/**
 * The public LA → region lookup shipped with the kit (`subgraphs/kit/reference/local-authorities.csv`, DfE codes and
 * GIAS region letters), read once when this module loads. Subgraphs that record LA codes but not regions (curriculum hubs), and access rules that need an LA's region, use
 * this reference, without asking the local-authorities subgraph's database.
 */
const REFERENCE = new URL('../reference/local-authorities.csv', import.meta.url);

const rows = parse(readFileSync(REFERENCE), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as {
  la_code: string;
  region_code: string;
}[];

const regionByLa = new Map(rows.map((r) => [r.la_code, r.region_code]));
const lasByRegion = new Map<string, string[]>();
for (const [la, region] of [...regionByLa].sort(([a], [b]) => a.localeCompare(b))) {
  let list = lasByRegion.get(region);
  if (!list) lasByRegion.set(region, (list = []));
  list.push(la);
}

/** Whether a code is one of the 153 LA codes of the reference list. */
export const isKnownLaCode = (code: string): boolean => regionByLa.has(code);

/** The region letter of an LA, or null when the code is unknown. */
export const regionOfLa = (code: string): string | null => regionByLa.get(code) ?? null;

/** LA codes of a region, ascending (empty for an unknown region). */
export const laCodesOfRegion = (regionCode: string): readonly string[] => lasByRegion.get(regionCode) ?? [];
