import type { Random } from './random.ts';
import type { SchoolPhase, TypeGroup } from './types.ts';

/** Realistic-sounding English place, school and trust names, and postcodes. All names are fictional. */

const PLACE_HEADS = [
  'Ash', 'Oak', 'Elm', 'Beech', 'Birch', 'Holly', 'Willow', 'Hazel', 'Thorn', 'Brook', 'Mill', 'Church', 'Kings',
  'Queens', 'Bishops', 'Castle', 'Market', 'Fair', 'Green', 'Mead', 'Moor', 'Marsh', 'Fern', 'Heath', 'Stone', 'Red',
  'White', 'Black', 'Brad', 'Sand', 'Cold', 'Hart', 'Long', 'Broad', 'Chapel', 'Hol', 'Lang', 'Nor', 'Sut', 'Wal',
  'Wes', 'Ather', 'Bar', 'Carl', 'Dun', 'Eg', 'Frod', 'Hamp', 'Ing', 'Kir', 'Lid', 'Mar', 'Nut', 'Orm', 'Pen', 'Rad',
  'Shel', 'Tad', 'Wy', 'Ald', 'Bil', 'Cot', 'Dal', 'Eas', 'Gar', 'Hor', 'Kel', 'Lin', 'Mel', 'New', 'Ot', 'Pres',
  'Roth', 'Sel', 'Thorn', 'Ulver', 'Wid', 'Wool', 'Yar', 'Bamp', 'Chip', 'Dray', 'Fen', 'Glen', 'Haw', 'Ick', 'Kes',
] as const;
const PLACE_TAILS = [
  'ton', 'ley', 'field', 'wood', 'bury', 'ham', 'worth', 'ford', 'dale', 'gate', 'side', 'thorpe', 'by', 'well',
  'bridge', 'brook', 'combe', 'hurst', 'stead', 'wick', 'mere', 'holme', 'stow', 'den', 'hill', 'cliffe', 'borough',
  'minster', 'ington', 'ingham', 'hampton', 'lands', 'croft', 'shaw', 'cote', 'lea', 'more', 'stone',
] as const;
const PLACE_QUALIFIERS = ['Upper', 'Lower', 'Great', 'Little', 'North', 'South', 'East', 'West', 'Old', 'New'] as const;
const PLACE_SUFFIXES = ['Park', 'Vale', 'Green', 'Hill', 'Lane', 'Meadows', 'Fields', 'Grange', 'Valley', 'Heights'] as const;

const SAINTS = [
  'Mary', 'Joseph', 'Peter', 'Paul', 'John', 'Michael', 'Anne', 'Thomas', 'Bede', 'Cuthbert', 'Patrick', 'Andrew',
  'Margaret', 'Francis', 'Augustine', 'Chad', 'Aidan', 'Wilfrid', 'Hilda', 'Oswald', 'Gregory', 'Teresa', 'Bernadette',
  'Edmund', 'Alban', 'George', 'James', 'Luke', 'Mark', 'Matthew', 'Nicholas', 'Stephen', 'Helen', 'Catherine',
  'Bartholomew', 'Lawrence', 'Martin', 'Leonard', 'Giles', 'Edward', 'Dunstan', 'Swithun', 'Clare', 'Benedict',
  'Dominic', 'Vincent', 'Monica', 'Wilfrid', 'Hugh', 'Richard', 'Barnabas', 'Alphege',
] as const;
const CHURCH_DEDICATIONS = ['Holy Trinity', 'Christ Church', 'All Saints', 'Holy Cross', 'Sacred Heart', 'Our Lady', 'Emmanuel', 'Good Shepherd'] as const;
const GIVEN_NAMES = ['John', 'Thomas', 'William', 'Robert', 'Richard', 'Henry', 'Edward', 'Charles', 'George', 'Elizabeth', 'Mary', 'Margaret', 'Anne', 'Alice', 'Jane'] as const;
const SURNAMES = [
  'Smith', 'Taylor', 'Brown', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Walker', 'White',
  'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Hughes', 'Turner', 'Harrison', 'Baker', 'Cooper', 'Ward',
  'Morris', 'Parker', 'Bennett', 'Carter', 'Shaw', 'Collins', 'Ellis', 'Marshall', 'Hunt', 'Mason', 'Palmer', 'Holmes',
  'Barker', 'Fletcher', 'Pearson', 'Gibson', 'Lloyd', 'Webb', 'Chapman', 'Ashworth', 'Heywood', 'Whitfield', 'Radcliffe',
  'Lister', 'Kendall', 'Pickering', 'Armstrong',
] as const;
const TRUST_WORDS = [
  'Aspire', 'Endeavour', 'Horizon', 'Summit', 'Pioneer', 'Unity', 'Harmony', 'Evolve', 'Inspire', 'Elevate', 'Beacon',
  'Compass', 'Keystone', 'Lighthouse', 'Northern Star', 'Bright Futures', 'Venture', 'Vantage', 'Odyssey', 'Pinnacle',
  'Discovery', 'Ascent', 'Thrive', 'Kite', 'Acorn', 'Cedar', 'Meridian', 'Pennine', 'Chiltern', 'Cotswold', 'Fenland',
  'Solent', 'Weald', 'Mendip', 'Dales', 'Moorland', 'Coastal', 'Emmaus', 'Quest', 'Nova', 'Legacy', 'Spire',
  'Cornerstone', 'Greenfield', 'Riverside', 'Lantern', 'Anchor', 'Waypoint', 'Tapestry', 'Kingfisher', 'Heron', 'Skylark',
  'Phoenix', 'Evergreen', 'Clarion', 'Castleview', 'Orchard', 'Sapling', 'Rainbow', 'Polaris', 'Aurora', 'Vista',
] as const;
const TRUST_FORMS = ['Learning Trust', 'Academy Trust', 'Multi Academy Trust', 'Education Trust', 'Schools Trust', 'Partnership Trust', 'Learning Partnership', 'Education Partnership'] as const;

/** A fresh place name: "Ashbury", "Little Holmford", "Kirkdale Park". */
export function placeName(rng: Random): string {
  let name = rng.pick(PLACE_HEADS) + rng.pick(PLACE_TAILS);
  const r = rng.next();
  if (r < 0.1) name = `${rng.pick(PLACE_QUALIFIERS)} ${name}`;
  else if (r < 0.2) name = `${name} ${rng.pick(PLACE_SUFFIXES)}`;
  return name;
}

export const surname = (rng: Random): string => rng.pick(SURNAMES);

export interface SchoolNameInput {
  phase: SchoolPhase;
  typeGroup: TypeGroup;
  lowAge: number | null;
  highAge: number | null;
  /** Alternative provision (pupil referral unit) rather than a special school. */
  alternativeProvision: boolean;
}

/** A school name fitting its phase, type and age range, built on one of the LA's place names. */
export function schoolName(rng: Random, place: string, s: SchoolNameInput): string {
  const academy = s.typeGroup === 'ACADEMY' || s.typeGroup === 'FREE_SCHOOL';
  const saint = () => `St ${rng.pick(SAINTS)}'s`;
  const person = () => `${rng.pick(GIVEN_NAMES)} ${rng.pick(SURNAMES)}`;
  switch (s.phase) {
    case 'NURSERY':
      return rng.chance(0.8) ? `${place} Nursery School` : `${place} Children's Centre and Nursery School`;
    case 'PRIMARY': {
      const kind = s.highAge !== null && s.highAge <= 7 ? 'Infant' : s.lowAge !== null && s.lowAge >= 7 ? 'Junior' : 'Primary';
      const r = rng.next();
      if (r < 0.12) return `${saint()} Catholic ${kind} School`;
      if (r < 0.26) return `${rng.chance(0.5) ? saint() : place} Church of England ${kind} School`;
      if (r < 0.3) return `${rng.pick(CHURCH_DEDICATIONS)} CofE ${kind} School`;
      if (academy) return rng.chance(0.6) ? `${place} ${kind} Academy` : `${place} Academy`;
      if (r < 0.42) return `${place} Community ${kind} School`;
      return `${place} ${kind} School`;
    }
    case 'MIDDLE_DEEMED_PRIMARY':
    case 'MIDDLE_DEEMED_SECONDARY':
      return rng.chance(0.15) ? `${saint()} CofE Middle School` : academy && rng.chance(0.5) ? `${place} Middle Academy` : `${place} Middle School`;
    case 'SECONDARY': {
      const r = rng.next();
      if (r < 0.1) return `${saint()} Catholic ${rng.pick(['High School', 'Academy', 'College', 'School'])}`;
      if (r < 0.14) return `${rng.pick(CHURCH_DEDICATIONS)} Church of England ${rng.pick(['Academy', 'School'])}`;
      if (r < 0.2) return `${person()} ${academy ? 'Academy' : 'School'}`;
      if (r < 0.23) return `${place} Grammar School`;
      if (academy) return `${place} ${rng.pick(['Academy', 'Academy', 'High School', 'School', 'College'])}`;
      return `${place} ${rng.pick(['High School', 'School', 'Community College', 'Secondary School', 'School and Sixth Form'])}`;
    }
    case 'SIXTEEN_PLUS':
      return s.typeGroup === 'COLLEGE' ? `${place} Sixth Form College` : `${place} Sixth Form ${academy ? 'Academy' : 'Centre'}`;
    case 'ALL_THROUGH':
      return rng.chance(0.5) ? `${place} Academy` : `${place} ${rng.pick(['All-through School', 'School', 'Community School'])}`;
    case 'NOT_APPLICABLE':
      if (s.alternativeProvision) return `${place} ${rng.pick(['Pupil Referral Unit', 'Short Stay School', 'Alternative Provision Academy', 'Learning Centre'])}`;
      return `${place} ${rng.pick(['School', 'Special School', 'Academy', 'Specialist College', 'School'])}`;
  }
}

/** An independent school name. */
export function independentSchoolName(rng: Random, place: string, phase: SchoolPhase): string {
  if (phase === 'PRIMARY') return `${place} ${rng.pick(['Preparatory School', 'Prep School', 'House School', 'Montessori School'])}`;
  if (phase === 'NOT_APPLICABLE') return `${place} ${rng.pick(['House School', 'Independent Special School', 'Specialist Centre'])}`;
  const r = rng.next();
  if (r < 0.2) return `St ${rng.pick(SAINTS)}'s School`;
  if (r < 0.35) return `${rng.pick(SURNAMES)} College`;
  return `${place} ${rng.pick(['School', 'College', 'High School', 'Grammar School', 'Independent School'])}`;
}

/** A fictional academy trust name; `place` gives it a local flavour sometimes. */
export function trustName(rng: Random, place: string): string {
  const r = rng.next();
  if (r < 0.12) return `St ${rng.pick(SAINTS)} Catholic Academy Trust`;
  if (r < 0.3) return `${place} ${rng.pick(TRUST_FORMS)}`;
  return `${rng.pick(TRUST_WORDS)} ${rng.pick(TRUST_FORMS)}`;
}

/** Highest district number of the London postcode areas (elsewhere up to 29). */
const LONDON_DISTRICTS: Record<string, number> = { EC: 4, WC: 2, E: 18, N: 22, NW: 11, SE: 28, SW: 20, W: 14 };

const POSTCODE_UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** A postcode in one of the given areas, e.g. `TS18 3QX`. */
export function postcode(rng: Random, areas: readonly string[]): string {
  const area = rng.pick(areas);
  const district = rng.int(1, LONDON_DISTRICTS[area] ?? 29);
  return `${area}${district} ${rng.int(1, 9)}${rng.chars(POSTCODE_UNIT_LETTERS, 2)}`;
}
