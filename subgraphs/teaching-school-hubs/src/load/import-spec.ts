import { withSchoolAreas } from '@tdg/kit/area/school-area';
import { FieldError, type FieldParser, academicYear, hubAreaCode, isoDate, laCode, listOf, oneOf, regionCode, text, trn, urn } from '@tdg/kit/load/fields';
import { existingKeys } from '@tdg/kit/load/existing-keys';
import type { FileSpec, ImportSpec } from '@tdg/kit/load/spec';
import { replaceLinks, sourceOf, upsertRows, valuesOf } from '@tdg/kit/load/write';
import { HubLocalAuthority, TeachingSchoolHub } from '../modules/hub/hub.entity.ts';
import { EctInduction, INDUCTION_STATUSES, TRAINING_PROGRAMMES } from '../modules/induction/ect-induction.entity.ts';
import { NPQ_COURSES, NPQ_STATUSES, NpqEnrolment } from '../modules/npq/npq-enrolment.entity.ts';
import { HubPartnership, PARTNER_KINDS } from '../modules/partnership/hub-partnership.entity.ts';

const HUBS = 'teaching-school-hubs.csv';

/** A record's own id (induction, enrolment): any non-blank text up to the 255 characters its column holds. */
export const recordId: FieldParser<string> = (cell) => {
  const v = text(cell);
  if (v === '') throw new FieldError('blank id');
  if (v.length > 255) throw new FieldError('id longer than 255 characters');
  return v;
};

/** Statuses of a finished induction: they need `finished_on`; the others (IN_PROGRESS, EXTENDED) must leave it empty. */
export const FINISHED_INDUCTION_STATUSES: readonly string[] = ['PASSED', 'FAILED', 'WITHDRAWN'];

/**
 * Rules across the fields of an induction, for a load and a write alike: `finished_on` present exactly when the status
 * is a finished one, and not before `started_on`; the mentor is not the ECT.
 */
export function inductionProblems(v: Record<string, unknown>): { column: string; reason: string }[] {
  const problems: { column: string; reason: string }[] = [];
  const finished = v.finished_on ?? null;
  if (FINISHED_INDUCTION_STATUSES.includes(String(v.status)) && finished === null) {
    problems.push({ column: 'finished_on', reason: `finished_on is required when the status is ${v.status}` });
  } else if (!FINISHED_INDUCTION_STATUSES.includes(String(v.status)) && finished !== null) {
    problems.push({ column: 'finished_on', reason: `finished_on must be empty while the status is ${v.status}` });
  } else if (finished !== null && String(finished) < String(v.started_on)) {
    problems.push({ column: 'finished_on', reason: 'finished_on is before started_on' });
  }
  if (v.mentor_trn != null && v.mentor_trn === v.trn) problems.push({ column: 'mentor_trn', reason: 'mentor_trn is the ECT’s own TRN' });
  return problems;
}

/** `ect-inductions.csv`: its columns and rules are also those of the induction mutations. */
export const ECT_INDUCTIONS_FILE: FileSpec = {
  file: 'ect-inductions.csv',
  key: ['induction_id'],
  columns: [
    { header: 'induction_id', required: true, parse: recordId },
    { header: 'trn', required: true, parse: trn },
    { header: 'school_urn', required: true, parse: urn },
    { header: 'hub_id', required: true, parse: hubAreaCode },
    { header: 'academic_year', required: true, parse: academicYear },
    { header: 'training_programme', required: true, parse: oneOf(TRAINING_PROGRAMMES) },
    { header: 'status', required: true, parse: oneOf(INDUCTION_STATUSES) },
    { header: 'started_on', required: true, parse: isoDate },
    { header: 'finished_on', parse: isoDate },
    { header: 'mentor_trn', parse: trn },
  ],
  references: [{ column: 'hub_id', file: HUBS }],
  check: inductionProblems,
};

/** `npq-enrolments.csv`: its columns are also those of the NPQ mutations. */
export const NPQ_ENROLMENTS_FILE: FileSpec = {
  file: 'npq-enrolments.csv',
  key: ['enrolment_id'],
  columns: [
    { header: 'enrolment_id', required: true, parse: recordId },
    { header: 'trn', required: true, parse: trn },
    { header: 'school_urn', required: true, parse: urn },
    { header: 'hub_id', required: true, parse: hubAreaCode },
    { header: 'course', required: true, parse: oneOf(NPQ_COURSES) },
    { header: 'cohort', required: true, parse: academicYear },
    { header: 'status', required: true, parse: oneOf(NPQ_STATUSES) },
  ],
  references: [{ column: 'hub_id', file: HUBS }],
};

const FILES: FileSpec[] = [
  {
    file: HUBS,
    key: ['hub_id'],
    columns: [
      { header: 'hub_id', required: true, parse: hubAreaCode },
      { header: 'name', required: true, parse: text },
      { header: 'lead_school_urn', parse: urn },
      { header: 'region_code', required: true, parse: regionCode },
      { header: 'la_codes', required: true, parse: listOf(laCode) },
    ],
    check: (v) => ((v.la_codes as string[]).length === 0 ? [{ column: 'la_codes', reason: 'at least one LA code required' }] : []),
    existingKeys: existingKeys(TeachingSchoolHub, 'id'),
  },
  ECT_INDUCTIONS_FILE,
  NPQ_ENROLMENTS_FILE,
  {
    file: 'hub-partnerships.csv',
    key: ['hub_id', 'partner_kind', 'partner_id'],
    columns: [
      { header: 'hub_id', required: true, parse: hubAreaCode },
      { header: 'partner_kind', required: true, parse: oneOf(PARTNER_KINDS) },
      { header: 'partner_id', required: true, parse: text },
    ],
    references: [{ column: 'hub_id', file: HUBS }],
  },
];

/**
 * How the teaching-school-hubs subgraph loads its four files (DATA-FORMAT.md). Loading a hub replaces the list of LAs
 * it covers; other hubs' LAs, inductions, enrolments and partnerships stay.
 * With `school-areas.csv` (the kit's `withSchoolAreas`): the public URN → LA lookup its area figures are counted over.
 */
export const importSpec: ImportSpec = withSchoolAreas({
  subgraph: 'teaching-school-hubs',
  files: FILES,
  apply: async (em, rows, progress) => {
    const hubs = valuesOf(rows, HUBS);
    await upsertRows(
      em,
      TeachingSchoolHub,
      hubs.map((r) => ({ id: r.hub_id, name: r.name, leadSchoolUrn: r.lead_school_urn, regionCode: r.region_code }) as never),
      { source: sourceOf(rows, HUBS) },
    );
    await replaceLinks(em, HubLocalAuthority, { parent: 'hub', child: 'laCode' }, hubs.map((r) => [r.hub_id as string, r.la_codes as string[]] as const), sourceOf(rows, HUBS));
    await upsertRows(
      em,
      EctInduction,
      valuesOf(rows, 'ect-inductions.csv').map(
        (r) =>
          ({
            id: r.induction_id,
            trn: r.trn,
            schoolUrn: r.school_urn,
            appropriateBody: r.hub_id,
            academicYear: r.academic_year,
            trainingProgramme: r.training_programme,
            status: r.status,
            startedOn: r.started_on,
            finishedOn: r.finished_on,
            mentorTrn: r.mentor_trn,
          }) as never,
      ),
      { progress, label: 'ECT inductions', source: sourceOf(rows, 'ect-inductions.csv') },
    );
    await upsertRows(
      em,
      NpqEnrolment,
      valuesOf(rows, 'npq-enrolments.csv').map(
        (r) =>
          ({
            id: r.enrolment_id,
            trn: r.trn,
            schoolUrn: r.school_urn,
            hub: r.hub_id,
            course: r.course,
            cohort: r.cohort,
            status: r.status,
          }) as never,
      ),
      { progress, label: 'NPQ enrolments', source: sourceOf(rows, 'npq-enrolments.csv') },
    );
    await upsertRows(
      em,
      HubPartnership,
      valuesOf(rows, 'hub-partnerships.csv').map((r) => ({ hub: r.hub_id, partnerKind: r.partner_kind, partnerId: r.partner_id }) as never),
      { ignoreExisting: true, source: sourceOf(rows, 'hub-partnerships.csv') },
    );
  },
});
