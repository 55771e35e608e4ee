import {
  type FieldParser,
  FieldError,
  gssCode,
  integer,
  isoDate,
  laCode,
  oneOf,
  regionCode,
  decimal,
  text,
  urn,
} from '@tdg/kit/load/fields';
import { existingKeys } from '@tdg/kit/load/existing-keys';
import type { FileSpec, ImportSpec } from '@tdg/kit/load/spec';
import { sourceOf, upsertRows, valuesOf } from '@tdg/kit/load/write';
import { LocalAuthority } from '../modules/local-authority/local-authority.entity.ts';
import { NETWORK_KINDS, Network, NetworkMember } from '../modules/network/network.entity.ts';
import { Region } from '../modules/region/region.entity.ts';
import { OFSTED_RATINGS, SCHOOL_PHASES, SCHOOL_STATUSES, School, TYPE_GROUPS } from '../modules/school/school.entity.ts';
import { SUPPORT_CATEGORIES, SUPPORT_TYPES, SupportEpisode } from '../modules/support/support-episode.entity.ts';

/** A parser whose value must fit a column of at most `max` characters and not be blank (a cell of spaces). */
const upTo =
  (max: number, parse: FieldParser<string>): FieldParser<string> =>
  (cell) => {
    const value = parse(cell);
    if (value === '') throw new FieldError('blank value (leave the field out instead)');
    if (value.length > max) throw new FieldError(`"${cell}" is longer than ${max} characters`);
    return value;
  };

/** Names and ids: text of at most 255 characters. */
const shortText = upTo(255, text);
/** A school's URN as the register stores it (6 to 12 digits). */
const schoolUrn = upTo(12, urn);
/** A postcode (at most 10 characters). */
const postcode = upTo(10, text);

/**
 * The files of a load, in dependency order. The mutations validate their input with the same column rules and checks
 * (`@tdg/kit/write/input-rules`), so a write and a load accept the same values.
 */
export const FILES: readonly FileSpec[] = [
  {
    file: 'local-authorities.csv',
    key: ['la_code'],
    columns: [
      { header: 'la_code', required: true, parse: laCode },
      { header: 'gss_code', required: true, parse: gssCode },
      { header: 'name', required: true, parse: shortText },
      { header: 'region_code', required: true, parse: regionCode },
      { header: 'region_name', required: true, parse: shortText },
    ],
    existingKeys: existingKeys(LocalAuthority, 'code'),
  },
  {
    file: 'schools.csv',
    key: ['urn'],
    columns: [
      { header: 'urn', required: true, parse: schoolUrn },
      { header: 'name', required: true, parse: shortText },
      { header: 'la_code', required: true, parse: laCode },
      { header: 'phase', required: true, parse: oneOf(SCHOOL_PHASES) },
      { header: 'type_group', required: true, parse: oneOf(TYPE_GROUPS) },
      { header: 'status', required: true, parse: oneOf(SCHOOL_STATUSES) },
      { header: 'statutory_low_age', parse: integer(0, 25) },
      { header: 'statutory_high_age', parse: integer(0, 25) },
      { header: 'number_of_pupils', parse: integer(0, 10_000) },
      { header: 'percentage_fsm', parse: decimal(0, 100) },
      { header: 'ofsted_rating', parse: oneOf(OFSTED_RATINGS) },
      { header: 'trust_name', parse: shortText },
      { header: 'postcode', parse: postcode },
    ],
    references: [{ column: 'la_code', file: 'local-authorities.csv' }],
    check: (v) =>
      v.statutory_low_age !== null && v.statutory_high_age !== null && Number(v.statutory_low_age) > Number(v.statutory_high_age)
        ? [{ column: 'statutory_high_age', reason: 'statutory_high_age is below statutory_low_age' }]
        : [],
    existingKeys: existingKeys(School, 'urn'),
  },
  {
    file: 'support-episodes.csv',
    key: ['episode_id'],
    columns: [
      { header: 'episode_id', required: true, parse: shortText },
      { header: 'supported_urn', required: true, parse: schoolUrn },
      { header: 'supporting_urn', parse: schoolUrn },
      { header: 'support_type', required: true, parse: oneOf(SUPPORT_TYPES) },
      { header: 'category', required: true, parse: oneOf(SUPPORT_CATEGORIES) },
      { header: 'started_on', required: true, parse: isoDate },
      { header: 'ended_on', parse: isoDate },
    ],
    references: [
      { column: 'supported_urn', file: 'schools.csv' },
      { column: 'supporting_urn', file: 'schools.csv' },
    ],
    check: (v) => [
      ...(v.ended_on !== null && String(v.ended_on) < String(v.started_on) ? [{ column: 'ended_on', reason: 'ended_on is before started_on' }] : []),
      ...(v.supporting_urn !== null && v.supporting_urn === v.supported_urn ? [{ column: 'supporting_urn', reason: 'a school cannot support itself' }] : []),
    ],
  },
  {
    file: 'networks.csv',
    key: ['network_id'],
    columns: [
      { header: 'network_id', required: true, parse: shortText },
      { header: 'la_code', required: true, parse: laCode },
      { header: 'name', required: true, parse: shortText },
      { header: 'kind', required: true, parse: oneOf(NETWORK_KINDS) },
    ],
    references: [{ column: 'la_code', file: 'local-authorities.csv' }],
    existingKeys: existingKeys(Network, 'id'),
  },
  {
    file: 'network-members.csv',
    key: ['network_id', 'urn'],
    columns: [
      { header: 'network_id', required: true, parse: shortText },
      { header: 'urn', required: true, parse: schoolUrn },
    ],
    references: [
      { column: 'network_id', file: 'networks.csv' },
      { column: 'urn', file: 'schools.csv' },
    ],
  },
];

/** How the local-authorities subgraph loads its five files (DATA-FORMAT.md). */
export const importSpec: ImportSpec = {
  subgraph: 'local-authorities',
  files: FILES,
  apply: async (em, rows, progress) => {
    const las = valuesOf(rows, 'local-authorities.csv');
    const laSource = sourceOf(rows, 'local-authorities.csv');
    // Each region once, located at the first LA row that names it.
    const regions = new Map<string, { name: string; line: number }>();
    las.forEach((r, i) => {
      if (!regions.has(r.region_code as string)) regions.set(r.region_code as string, { name: r.region_name as string, line: laSource.lines[i] ?? 0 });
    });
    await upsertRows(em, Region, [...regions].map(([code, { name }]) => ({ code, name })), {
      source: { file: laSource.file, lines: [...regions.values()].map((r) => r.line) },
    });
    await upsertRows(em, LocalAuthority, las.map((r) => ({ code: r.la_code, gssCode: r.gss_code, name: r.name, region: r.region_code }) as never), {
      source: laSource,
    });
    await upsertRows(
      em,
      School,
      valuesOf(rows, 'schools.csv').map(
        (r) =>
          ({
            urn: r.urn,
            name: r.name,
            localAuthority: r.la_code,
            phase: r.phase,
            typeGroup: r.type_group,
            status: r.status,
            statutoryLowAge: r.statutory_low_age,
            statutoryHighAge: r.statutory_high_age,
            numberOfPupils: r.number_of_pupils,
            percentageFsm: r.percentage_fsm,
            ofstedRating: r.ofsted_rating,
            trustName: r.trust_name,
            postcode: r.postcode,
          }) as never,
      ),
      { progress, label: 'schools', source: sourceOf(rows, 'schools.csv') },
    );
    await upsertRows(
      em,
      SupportEpisode,
      valuesOf(rows, 'support-episodes.csv').map(
        (r) =>
          ({
            id: r.episode_id,
            supportedSchool: r.supported_urn,
            supportingSchool: r.supporting_urn,
            supportType: r.support_type,
            category: r.category,
            startedOn: r.started_on,
            endedOn: r.ended_on,
          }) as never,
      ),
      { source: sourceOf(rows, 'support-episodes.csv') },
    );
    await upsertRows(em, Network, valuesOf(rows, 'networks.csv').map((r) => ({ id: r.network_id, localAuthority: r.la_code, name: r.name, kind: r.kind }) as never), {
      source: sourceOf(rows, 'networks.csv'),
    });
    await upsertRows(em, NetworkMember, valuesOf(rows, 'network-members.csv').map((r) => ({ network: r.network_id, school: r.urn }) as never), {
      ignoreExisting: true,
      source: sourceOf(rows, 'network-members.csv'),
    });
  },
};
