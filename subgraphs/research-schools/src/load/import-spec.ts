import { laCode, text, urn } from '@tdg/kit/load/fields';
import { existingKeys } from '@tdg/kit/load/existing-keys';
import type { ColumnSpec, FileSpec, ImportSpec } from '@tdg/kit/load/spec';
import { sourceOf, upsertRows, valuesOf } from '@tdg/kit/load/write';
import { isKnownLaCode } from '@tdg/kit/reference';
import { ResearchSchool } from '../modules/research-school/research-school.entity.ts';

/** Columns of `research-schools.csv` (a mutation writing the same records would validate with the same parsers). */
export const RESEARCH_SCHOOL_COLUMNS = [
  { header: 'research_school_id', required: true, parse: text },
  { header: 'name', required: true, parse: text },
  { header: 'lead_school_urn', parse: urn },
  { header: 'la_code', required: true, parse: laCode },
] as const satisfies readonly ColumnSpec[];

const FILES: FileSpec[] = [
  {
    file: 'research-schools.csv',
    key: ['research_school_id'],
    columns: RESEARCH_SCHOOL_COLUMNS,
    check: (values) => (isKnownLaCode(values.la_code as string) ? [] : [{ column: 'la_code', reason: `unknown LA code "${values.la_code}"` }]),
    existingKeys: existingKeys(ResearchSchool, 'id'),
  },
];

/** How the research-schools subgraph loads its files (see its README): all or nothing, rows replacing rows with the same id. */
export const importSpec: ImportSpec = {
  subgraph: 'research-schools',
  files: FILES,
  apply: async (em, rows) => {
    await upsertRows(
      em,
      ResearchSchool,
      valuesOf(rows, 'research-schools.csv').map((r) => ({ id: r.research_school_id, name: r.name, leadSchoolUrn: r.lead_school_urn, laCode: r.la_code }) as never),
      { source: sourceOf(rows, 'research-schools.csv') },
    );
  },
};
