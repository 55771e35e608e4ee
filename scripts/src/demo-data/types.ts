/**
 * Row types of the demo dataset: one interface per CSV file of DATA-FORMAT.md, with exactly its column names, and the
 * enumerations spelled as DOMAIN.md spells them. In memory a `;`-list cell is a string array and a number cell a number;
 * `null` is an empty cell.
 */

// The enumerations are the subgraphs' own lists (what their loads accept), not copies.
import { REGION_CODES } from '@tdg/kit/load/fields';
import { SCHOOL_PHASES, TYPE_GROUPS, SCHOOL_STATUSES, OFSTED_RATINGS } from '../../../subgraphs/local-authorities/src/modules/school/school.entity.ts';
import { TRAINING_ROUTES, TRAINEE_STATUSES, COURSE_PHASES } from '../../../subgraphs/scitts/src/modules/trainee/trainee.entity.ts';
import { TRAINING_PROGRAMMES, INDUCTION_STATUSES } from '../../../subgraphs/teaching-school-hubs/src/modules/induction/ect-induction.entity.ts';
import { NPQ_COURSES, NPQ_STATUSES } from '../../../subgraphs/teaching-school-hubs/src/modules/npq/npq-enrolment.entity.ts';
import { PARTNER_KINDS } from '../../../subgraphs/teaching-school-hubs/src/modules/partnership/hub-partnership.entity.ts';
import { CURRICULUM_HUB_KINDS } from '../../../subgraphs/curriculum-hubs/src/modules/hub/curriculum-hub.entity.ts';
import { WORKGROUP_PHASES } from '../../../subgraphs/curriculum-hubs/src/modules/programme/programme.entity.ts';
import { SUPPORT_CATEGORIES, SUPPORT_TYPES } from '../../../subgraphs/local-authorities/src/modules/support/support-episode.entity.ts';
import { NETWORK_KINDS } from '../../../subgraphs/local-authorities/src/modules/network/network.entity.ts';

export { REGION_CODES, SCHOOL_PHASES, TYPE_GROUPS, SCHOOL_STATUSES, OFSTED_RATINGS, TRAINING_ROUTES, TRAINEE_STATUSES, COURSE_PHASES, NPQ_COURSES, NPQ_STATUSES, CURRICULUM_HUB_KINDS, WORKGROUP_PHASES, SUPPORT_CATEGORIES, SUPPORT_TYPES, NETWORK_KINDS };

export type RegionCode = (typeof REGION_CODES)[number];

export type SchoolPhase = (typeof SCHOOL_PHASES)[number];

export type TypeGroup = (typeof TYPE_GROUPS)[number];

export type SchoolStatus = (typeof SCHOOL_STATUSES)[number];

export type OfstedRating = (typeof OFSTED_RATINGS)[number];

export type TrainingRoute = (typeof TRAINING_ROUTES)[number];

export type TraineeStatus = (typeof TRAINEE_STATUSES)[number];

export type CoursePhase = (typeof COURSE_PHASES)[number];

export const ECT_TRAINING_PROGRAMMES = TRAINING_PROGRAMMES;
export type EctTrainingProgramme = (typeof ECT_TRAINING_PROGRAMMES)[number];

export const ECT_STATUSES = INDUCTION_STATUSES;
export type EctStatus = (typeof ECT_STATUSES)[number];

export type NpqCourse = (typeof NPQ_COURSES)[number];

export type NpqStatus = (typeof NPQ_STATUSES)[number];

export const HUB_PARTNER_KINDS = PARTNER_KINDS;
export type HubPartnerKind = (typeof HUB_PARTNER_KINDS)[number];

export type CurriculumHubKind = (typeof CURRICULUM_HUB_KINDS)[number];

export type WorkgroupPhase = (typeof WORKGROUP_PHASES)[number];

export type SupportCategory = (typeof SUPPORT_CATEGORIES)[number];

export type SupportType = (typeof SUPPORT_TYPES)[number];

export type NetworkKind = (typeof NETWORK_KINDS)[number];

// ---- local-authorities subgraph ----

export interface LocalAuthorityRow {
  la_code: string;
  gss_code: string;
  name: string;
  region_code: RegionCode;
  region_name: string;
}

export interface SchoolRow {
  urn: string;
  name: string;
  la_code: string;
  phase: SchoolPhase;
  type_group: TypeGroup;
  status: SchoolStatus;
  statutory_low_age: number | null;
  statutory_high_age: number | null;
  number_of_pupils: number | null;
  percentage_fsm: number | null;
  ofsted_rating: OfstedRating | null;
  trust_name: string | null;
  postcode: string | null;
}

export interface SupportEpisodeRow {
  episode_id: string;
  supported_urn: string;
  supporting_urn: string | null;
  support_type: SupportType;
  category: SupportCategory;
  started_on: string;
  ended_on: string | null;
}

export interface NetworkRow {
  network_id: string;
  la_code: string;
  name: string;
  kind: NetworkKind;
}

export interface NetworkMemberRow {
  network_id: string;
  urn: string;
}

// ---- teaching-school-hubs subgraph ----

export interface TeachingSchoolHubRow {
  hub_id: string;
  name: string;
  lead_school_urn: string | null;
  region_code: RegionCode;
  la_codes: string[];
}

export interface EctInductionRow {
  induction_id: string;
  trn: string;
  school_urn: string;
  hub_id: string;
  academic_year: number;
  training_programme: EctTrainingProgramme;
  status: EctStatus;
  started_on: string;
  finished_on: string | null;
  mentor_trn: string | null;
}

export interface NpqEnrolmentRow {
  enrolment_id: string;
  trn: string;
  school_urn: string;
  hub_id: string;
  course: NpqCourse;
  cohort: number;
  status: NpqStatus;
}

export interface HubPartnershipRow {
  hub_id: string;
  partner_kind: HubPartnerKind;
  partner_id: string;
}

// ---- scitts subgraph ----

export interface ScittRow {
  scitt_id: string;
  ukprn: string | null;
  name: string;
  lead_school_urn: string | null;
  region_code: RegionCode;
}

export interface ScittPartnerSchoolRow {
  scitt_id: string;
  urn: string;
}

export interface TraineeRow {
  trainee_id: string;
  scitt_id: string;
  trn: string | null;
  route: TrainingRoute;
  phase: CoursePhase;
  subject: string | null;
  academic_year: number;
  status: TraineeStatus;
  awarded_on: string | null;
}

export interface PlacementRow {
  placement_id: string;
  trainee_id: string;
  urn: string;
  started_on: string;
  ended_on: string | null;
}

// ---- curriculum-hubs subgraph ----

export interface CurriculumHubRow {
  hub_id: string;
  name: string;
  kind: CurriculumHubKind;
  lead_school_urn: string | null;
  la_codes: string[];
}

export interface ProgrammeRow {
  programme_id: string;
  hub_id: string;
  title: string;
  academic_year: number;
  workgroup_phase: WorkgroupPhase | null;
}

export interface ParticipationRow {
  programme_id: string;
  urn: string;
  teachers: number | null;
}

/** The whole demo dataset: rows per CSV file, keyed by file name. */
export interface DemoDataset {
  'local-authorities.csv': LocalAuthorityRow[];
  'schools.csv': SchoolRow[];
  'support-episodes.csv': SupportEpisodeRow[];
  'networks.csv': NetworkRow[];
  'network-members.csv': NetworkMemberRow[];
  'teaching-school-hubs.csv': TeachingSchoolHubRow[];
  'ect-inductions.csv': EctInductionRow[];
  'npq-enrolments.csv': NpqEnrolmentRow[];
  'hub-partnerships.csv': HubPartnershipRow[];
  'scitts.csv': ScittRow[];
  'scitt-partner-schools.csv': ScittPartnerSchoolRow[];
  'trainees.csv': TraineeRow[];
  'placements.csv': PlacementRow[];
  'curriculum-hubs.csv': CurriculumHubRow[];
  'programmes.csv': ProgrammeRow[];
  'participations.csv': ParticipationRow[];
}

export type DemoFileName = keyof DemoDataset;

/** Header of every file, in DATA-FORMAT.md order (also the order files are listed and written in). */
export const DEMO_FILE_COLUMNS = {
  'local-authorities.csv': ['la_code', 'gss_code', 'name', 'region_code', 'region_name'],
  'schools.csv': [
    'urn',
    'name',
    'la_code',
    'phase',
    'type_group',
    'status',
    'statutory_low_age',
    'statutory_high_age',
    'number_of_pupils',
    'percentage_fsm',
    'ofsted_rating',
    'trust_name',
    'postcode',
  ],
  'support-episodes.csv': ['episode_id', 'supported_urn', 'supporting_urn', 'support_type', 'category', 'started_on', 'ended_on'],
  'networks.csv': ['network_id', 'la_code', 'name', 'kind'],
  'network-members.csv': ['network_id', 'urn'],
  'teaching-school-hubs.csv': ['hub_id', 'name', 'lead_school_urn', 'region_code', 'la_codes'],
  'ect-inductions.csv': [
    'induction_id',
    'trn',
    'school_urn',
    'hub_id',
    'academic_year',
    'training_programme',
    'status',
    'started_on',
    'finished_on',
    'mentor_trn',
  ],
  'npq-enrolments.csv': ['enrolment_id', 'trn', 'school_urn', 'hub_id', 'course', 'cohort', 'status'],
  'hub-partnerships.csv': ['hub_id', 'partner_kind', 'partner_id'],
  'scitts.csv': ['scitt_id', 'ukprn', 'name', 'lead_school_urn', 'region_code'],
  'scitt-partner-schools.csv': ['scitt_id', 'urn'],
  'trainees.csv': ['trainee_id', 'scitt_id', 'trn', 'route', 'phase', 'subject', 'academic_year', 'status', 'awarded_on'],
  'placements.csv': ['placement_id', 'trainee_id', 'urn', 'started_on', 'ended_on'],
  'curriculum-hubs.csv': ['hub_id', 'name', 'kind', 'lead_school_urn', 'la_codes'],
  'programmes.csv': ['programme_id', 'hub_id', 'title', 'academic_year', 'workgroup_phase'],
  'participations.csv': ['programme_id', 'urn', 'teachers'],
} as const satisfies { [F in DemoFileName]: readonly (keyof DemoDataset[F][number])[] };

export const DEMO_FILE_NAMES = Object.keys(DEMO_FILE_COLUMNS) as DemoFileName[];

export type DemoSize = 'small' | 'region' | 'national';
export const DEMO_SIZES: readonly DemoSize[] = ['small', 'region', 'national'];

export interface DemoDataOptions {
  size: DemoSize;
  seed: number;
}
