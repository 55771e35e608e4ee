import { withSchoolAreas } from '@tdg/kit/area/school-area';
import { academicYear, hecosCode, isoDate, oneOf, providerUrn, regionCode, ukprn, text, trn, urn } from '@tdg/kit/load/fields';
import { existingKeys } from '@tdg/kit/load/existing-keys';
import type { FileSpec, ImportSpec } from '@tdg/kit/load/spec';
import { sourceOf, upsertRows, valuesOf } from '@tdg/kit/load/write';
import { ScittPartnerSchool } from '../modules/partner/partner-school.entity.ts';
import { Placement } from '../modules/placement/placement.entity.ts';
import { Scitt } from '../modules/scitt/scitt.entity.ts';
import { COURSE_PHASES, TRAINEE_STATUSES, TRAINING_ROUTES, Trainee, isEarlyYearsRoute } from '../modules/trainee/trainee.entity.ts';

/** Checks across a trainee's fields (DATA-FORMAT.md); the trainee mutations apply them too. */
export function checkTrainee(v: Record<string, unknown>): { column: string; reason: string }[] {
  const problems: { column: string; reason: string }[] = [];
  if (v.phase === 'SECONDARY' && v.subject === null) {
    problems.push({ column: 'subject', reason: 'subject (HECoS code) is required for a SECONDARY course' });
  }
  if (isEarlyYearsRoute(String(v.route)) && v.phase !== 'EARLY_YEARS') {
    problems.push({ column: 'phase', reason: `route ${v.route} is an early-years route: phase must be EARLY_YEARS, not ${v.phase}` });
  }
  if (v.status === 'AWARDED' && v.awarded_on === null) {
    problems.push({ column: 'awarded_on', reason: 'awarded_on is required when status is AWARDED' });
  }
  return problems;
}

/** Checks across a placement's fields: it does not end before it starts. */
export function checkPlacement(v: Record<string, unknown>): { column: string; reason: string }[] {
  return v.ended_on != null && String(v.ended_on) < String(v.started_on) ? [{ column: 'ended_on', reason: 'ended_on is before started_on' }] : [];
}

const FILES: FileSpec[] = [
  {
    file: 'scitts.csv',
    key: ['scitt_id'],
    columns: [
      { header: 'scitt_id', required: true, parse: providerUrn },
      { header: 'ukprn', parse: ukprn },
      { header: 'name', required: true, parse: text },
      { header: 'lead_school_urn', parse: urn },
      { header: 'region_code', required: true, parse: regionCode },
    ],
    existingKeys: existingKeys(Scitt, 'id'),
  },
  {
    file: 'scitt-partner-schools.csv',
    key: ['scitt_id', 'urn'],
    columns: [
      { header: 'scitt_id', required: true, parse: providerUrn },
      { header: 'urn', required: true, parse: urn },
    ],
    references: [{ column: 'scitt_id', file: 'scitts.csv' }],
  },
  {
    file: 'trainees.csv',
    key: ['trainee_id'],
    columns: [
      { header: 'trainee_id', required: true, parse: text },
      { header: 'scitt_id', required: true, parse: providerUrn },
      { header: 'trn', parse: trn },
      { header: 'route', required: true, parse: oneOf(TRAINING_ROUTES) },
      { header: 'phase', required: true, parse: oneOf(COURSE_PHASES) },
      { header: 'subject', parse: hecosCode },
      { header: 'academic_year', required: true, parse: academicYear },
      { header: 'status', required: true, parse: oneOf(TRAINEE_STATUSES) },
      { header: 'awarded_on', parse: isoDate },
    ],
    references: [{ column: 'scitt_id', file: 'scitts.csv' }],
    check: checkTrainee,
    existingKeys: existingKeys(Trainee, 'id'),
  },
  {
    file: 'placements.csv',
    key: ['placement_id'],
    columns: [
      { header: 'placement_id', required: true, parse: text },
      { header: 'trainee_id', required: true, parse: text },
      { header: 'urn', required: true, parse: urn },
      { header: 'started_on', required: true, parse: isoDate },
      { header: 'ended_on', parse: isoDate },
    ],
    references: [{ column: 'trainee_id', file: 'trainees.csv' }],
    check: checkPlacement,
  },
];

/**
 * How the scitts subgraph loads its four files (DATA-FORMAT.md). School URNs (lead school, partners, placements) are
 * not checked against the school register: it belongs to the local-authorities subgraph.
 * With `school-areas.csv` (the kit's `withSchoolAreas`): the public URN → LA lookup its area figures are counted over.
 */
export const importSpec: ImportSpec = withSchoolAreas({
  subgraph: 'scitts',
  files: FILES,
  apply: async (em, rows, progress) => {
    await upsertRows(
      em,
      Scitt,
      valuesOf(rows, 'scitts.csv').map(
        (r) => ({ id: r.scitt_id, ukprn: r.ukprn, name: r.name, leadSchoolUrn: r.lead_school_urn, regionCode: r.region_code }) as never,
      ),
      { source: sourceOf(rows, 'scitts.csv') },
    );
    await upsertRows(em, ScittPartnerSchool, valuesOf(rows, 'scitt-partner-schools.csv').map((r) => ({ scitt: r.scitt_id, urn: r.urn }) as never), {
      ignoreExisting: true,
      source: sourceOf(rows, 'scitt-partner-schools.csv'),
    });
    await upsertRows(
      em,
      Trainee,
      valuesOf(rows, 'trainees.csv').map(
        (r) =>
          ({
            id: r.trainee_id,
            scitt: r.scitt_id,
            trn: r.trn,
            route: r.route,
            phase: r.phase,
            subject: r.subject,
            academicYear: r.academic_year,
            status: r.status,
            awardedOn: r.awarded_on,
          }) as never,
      ),
      { progress, label: 'trainees', source: sourceOf(rows, 'trainees.csv') },
    );
    await upsertRows(
      em,
      Placement,
      valuesOf(rows, 'placements.csv').map(
        (r) => ({ id: r.placement_id, trainee: r.trainee_id, urn: r.urn, startedOn: r.started_on, endedOn: r.ended_on }) as never,
      ),
      { progress, label: 'placements', source: sourceOf(rows, 'placements.csv') },
    );
  },
});
