import { withSchoolAreas } from '@tdg/kit/area/school-area';
import { academicYear, integer, laCode, oneOf, text, urn } from '@tdg/kit/load/fields';
import { existingKeys } from '@tdg/kit/load/existing-keys';
import type { ColumnSpec, FileSpec, ImportSpec } from '@tdg/kit/load/spec';
import { sourceOf, upsertRows, valuesOf } from '@tdg/kit/load/write';
import { isKnownLaCode } from '@tdg/kit/reference';
import { ResearchParticipation } from '../modules/participation/research-participation.entity.ts';
import { RESEARCH_THEMES, ResearchProgramme } from '../modules/programme/research-programme.entity.ts';
import { RESEARCH_SCHOOL_DESIGNATIONS, ResearchSchool } from '../modules/research-school/research-school.entity.ts';

/** Columns of `research-schools.csv` (a mutation writing the same records would validate with the same parsers). */
export const RESEARCH_SCHOOL_COLUMNS = [
  { header: 'research_school_id', required: true, parse: text },
  { header: 'name', required: true, parse: text },
  { header: 'designation', required: true, parse: oneOf(RESEARCH_SCHOOL_DESIGNATIONS) },
  { header: 'lead_school_urn', parse: urn },
  { header: 'la_code', required: true, parse: laCode },
] as const satisfies readonly ColumnSpec[];

/** Columns of `research-programmes.csv`. */
export const RESEARCH_PROGRAMME_COLUMNS = [
  { header: 'programme_id', required: true, parse: text },
  { header: 'research_school_id', required: true, parse: text },
  { header: 'title', required: true, parse: text },
  { header: 'theme', required: true, parse: oneOf(RESEARCH_THEMES) },
  { header: 'academic_year', required: true, parse: academicYear },
] as const satisfies readonly ColumnSpec[];

/** Columns of `research-participations.csv` (an empty `teachers` cell is 1). */
export const RESEARCH_PARTICIPATION_COLUMNS = [
  { header: 'programme_id', required: true, parse: text },
  { header: 'urn', required: true, parse: urn },
  { header: 'teachers', parse: integer(0, 100_000), default: 1 },
] as const satisfies readonly ColumnSpec[];

const FILES: FileSpec[] = [
  {
    file: 'research-schools.csv',
    key: ['research_school_id'],
    columns: RESEARCH_SCHOOL_COLUMNS,
    check: (values) => (isKnownLaCode(values.la_code as string) ? [] : [{ column: 'la_code', reason: `unknown LA code "${values.la_code}"` }]),
    existingKeys: existingKeys(ResearchSchool, 'id'),
  },
  {
    file: 'research-programmes.csv',
    key: ['programme_id'],
    columns: RESEARCH_PROGRAMME_COLUMNS,
    references: [{ column: 'research_school_id', file: 'research-schools.csv' }],
    existingKeys: existingKeys(ResearchProgramme, 'id'),
  },
  {
    file: 'research-participations.csv',
    key: ['programme_id', 'urn'],
    columns: RESEARCH_PARTICIPATION_COLUMNS,
    references: [{ column: 'programme_id', file: 'research-programmes.csv' }],
  },
];

/**
 * How the research-schools subgraph loads its three files (its README): all or nothing, rows replacing rows with the
 * same key; a programme must name a research school and a participation a programme, loaded now or before.
 * With `school-areas.csv` (the kit's `withSchoolAreas`): the public URN → LA lookup its area figures are counted over.
 */
export const importSpec: ImportSpec = withSchoolAreas({
  subgraph: 'research-schools',
  files: FILES,
  apply: async (em, rows, progress) => {
    await upsertRows(
      em,
      ResearchSchool,
      valuesOf(rows, 'research-schools.csv').map(
        (r) => ({ id: r.research_school_id, name: r.name, designation: r.designation, leadSchoolUrn: r.lead_school_urn, laCode: r.la_code }) as never,
      ),
      { source: sourceOf(rows, 'research-schools.csv') },
    );
    await upsertRows(
      em,
      ResearchProgramme,
      valuesOf(rows, 'research-programmes.csv').map(
        (r) => ({ id: r.programme_id, researchSchool: r.research_school_id, title: r.title, theme: r.theme, academicYear: r.academic_year }) as never,
      ),
      { source: sourceOf(rows, 'research-programmes.csv') },
    );
    await upsertRows(
      em,
      ResearchParticipation,
      valuesOf(rows, 'research-participations.csv').map((r) => ({ programme: r.programme_id, urn: r.urn, teachers: r.teachers }) as never),
      { progress, label: 'research participations', source: sourceOf(rows, 'research-participations.csv') },
    );
  },
});
