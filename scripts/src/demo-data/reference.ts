import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { RegionCode } from './types.ts';

/** The reference data the generator starts from: the real 153 LAs and 87 Teaching School Hub areas. */

export interface LocalAuthorityRef {
  laCode: string;
  gssCode: string;
  name: string;
  regionCode: RegionCode;
  regionName: string;
}

export interface HubAreaRef {
  areaCode: string;
  hubName: string;
  /** The lead school's name where public (empty otherwise); used only to tell its phase. */
  leadSchoolName: string;
  regionCode: RegionCode;
  laCodes: string[];
}

const REFERENCE_DIR = new URL('../../../subgraphs/kit/reference/', import.meta.url);

const readCsv = (file: string): Record<string, string>[] =>
  parse(readFileSync(new URL(file, REFERENCE_DIR)), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<
    string,
    string
  >[];

let cache: { las: LocalAuthorityRef[]; hubAreas: HubAreaRef[] } | undefined;

/** Reads (once) the reference CSVs in `subgraphs/kit/reference/`, in file order. */
export function loadReference(): { las: readonly LocalAuthorityRef[]; hubAreas: readonly HubAreaRef[] } {
  cache ??= {
    las: readCsv('local-authorities.csv').map((r) => ({
      laCode: r.la_code,
      gssCode: r.gss_code,
      name: r.name,
      regionCode: r.region_code as RegionCode,
      regionName: r.region_name,
    })),
    hubAreas: readCsv('teaching-school-hub-areas.csv').map((r) => ({
      areaCode: r.area_code,
      hubName: r.hub_name,
      leadSchoolName: r.lead_school_name ?? '',
      regionCode: r.region_code as RegionCode,
      laCodes: r.la_codes
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    })),
  };
  return cache;
}
