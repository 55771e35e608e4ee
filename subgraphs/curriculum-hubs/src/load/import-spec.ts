import { withSchoolAreas } from '@tdg/kit/area/school-area';
import { academicYear, integer, laCode, listOf, oneOf, text, urn } from '@tdg/kit/load/fields';
import { existingKeys } from '@tdg/kit/load/existing-keys';
import type { ColumnSpec, FileSpec, ImportSpec } from '@tdg/kit/load/spec';
import { replaceLinks, sourceOf, upsertRows, valuesOf } from '@tdg/kit/load/write';
import { isKnownLaCode } from '@tdg/kit/reference';
import { CURRICULUM_HUB_KINDS, CurriculumHub, CurriculumHubLocalAuthority } from '../modules/hub/curriculum-hub.entity.ts';
import { Participation } from '../modules/participation/participation.entity.ts';
import { Programme, WORKGROUP_PHASES } from '../modules/programme/programme.entity.ts';

/** A hub must cover at least one LA, and every LA code must be one of the reference list's 153. */
function checkLaCodes(values: Record<string, unknown>): { column: string; reason: string }[] {
  const codes = values.la_codes as string[];
  if (codes.length === 0) return [{ column: 'la_codes', reason: 'at least one LA code is required' }];
  const unknown = codes.filter((c) => !isKnownLaCode(c));
  if (unknown.length > 0) return [{ column: 'la_codes', reason: `unknown LA code${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}` }];
  return [];
}

/** Columns of `programmes.csv`; `createProgramme` and `updateProgramme` validate with the same parsers. */
export const PROGRAMME_COLUMNS = [
  { header: 'programme_id', required: true, parse: text },
  { header: 'hub_id', required: true, parse: text },
  { header: 'title', required: true, parse: text },
  { header: 'academic_year', required: true, parse: academicYear },
  { header: 'workgroup_phase', parse: oneOf(WORKGROUP_PHASES) },
] as const satisfies readonly ColumnSpec[];

/** Columns of `participations.csv` (an empty `teachers` cell is 1); `recordParticipation` validates with the same parsers. */
export const PARTICIPATION_COLUMNS = [
  { header: 'programme_id', required: true, parse: text },
  { header: 'urn', required: true, parse: urn },
  { header: 'teachers', parse: integer(0, 100_000), default: 1 },
] as const satisfies readonly ColumnSpec[];

const FILES: FileSpec[] = [
  {
    file: 'curriculum-hubs.csv',
    key: ['hub_id'],
    columns: [
      { header: 'hub_id', required: true, parse: text },
      { header: 'name', required: true, parse: text },
      { header: 'kind', required: true, parse: oneOf(CURRICULUM_HUB_KINDS) },
      { header: 'lead_school_urn', parse: urn },
      { header: 'la_codes', required: true, parse: listOf(laCode) },
    ],
    check: checkLaCodes,
    existingKeys: existingKeys(CurriculumHub, 'id'),
  },
  {
    file: 'programmes.csv',
    key: ['programme_id'],
    columns: PROGRAMME_COLUMNS,
    references: [{ column: 'hub_id', file: 'curriculum-hubs.csv' }],
    existingKeys: existingKeys(Programme, 'id'),
  },
  {
    file: 'participations.csv',
    key: ['programme_id', 'urn'],
    columns: PARTICIPATION_COLUMNS,
    references: [{ column: 'programme_id', file: 'programmes.csv' }],
  },
];

/** How the curriculum-hubs subgraph loads its three files (DATA-FORMAT.md). Loading a hub replaces its LA list. With `school-areas.csv`, the public URN → LA lookup its area figures are counted over (`withSchoolAreas`). */
export const importSpec: ImportSpec = withSchoolAreas({
  subgraph: 'curriculum-hubs',
  files: FILES,
  apply: async (em, rows, progress) => {
    const hubs = valuesOf(rows, 'curriculum-hubs.csv');
    await upsertRows(
      em,
      CurriculumHub,
      hubs.map((r) => ({ id: r.hub_id, name: r.name, kind: r.kind, leadSchoolUrn: r.lead_school_urn }) as never),
      { source: sourceOf(rows, 'curriculum-hubs.csv') },
    );
    await replaceLinks(em, CurriculumHubLocalAuthority, { parent: 'hub', child: 'laCode' }, hubs.map((r) => [r.hub_id as string, r.la_codes as string[]] as const), sourceOf(rows, 'curriculum-hubs.csv'));
    await upsertRows(
      em,
      Programme,
      valuesOf(rows, 'programmes.csv').map(
        (r) => ({ id: r.programme_id, hub: r.hub_id, title: r.title, academicYear: r.academic_year, workgroupPhase: r.workgroup_phase }) as never,
      ),
      { source: sourceOf(rows, 'programmes.csv') },
    );
    await upsertRows(
      em,
      Participation,
      valuesOf(rows, 'participations.csv').map((r) => ({ programme: r.programme_id, urn: r.urn, teachers: r.teachers }) as never),
      { progress, label: 'participations', source: sourceOf(rows, 'participations.csv') },
    );
  },
});
