import { chooseColdSpots } from './cold-spots.ts';
import { generateCurriculumHubs } from './curriculum-hubs.ts';
import { generateProgrammes } from './curriculum-programmes.ts';
import { generateEctInductions } from './ect-inductions.ts';
import { generateHubPartnerships } from './hub-partnerships.ts';
import { generateNetworks } from './networks.ts';
import { generateNpqEnrolments } from './npq-enrolments.ts';
import { loadReference } from './reference.ts';
import { generateSchools } from './schools.ts';
import { generateScitts, partnerRows, scittCohortScale } from './scitts.ts';
import { SIZES } from './sizes.ts';
import { generateSupportEpisodes } from './support.ts';
import { generateTeachingSchoolHubs } from './teaching-school-hubs.ts';
import { generateTrainees } from './trainees.ts';
import { DEMO_SIZES, type DemoDataOptions, type DemoDataset } from './types.ts';
import { buildWorld } from './world.ts';

export { writeDemoData } from './write-csv.ts';

/**
 * Generates the whole demo dataset: a pure function of (size, seed) — the same arguments always give the same rows, in
 * the same order. Every size has all 153 LAs and 87 Teaching School Hubs; schools, SCITTs, hubs and records scale.
 */
export function generateDemoData({ size, seed }: DemoDataOptions): DemoDataset {
  if (!DEMO_SIZES.includes(size)) throw new Error(`unknown size "${size}" (expected one of ${DEMO_SIZES.join(', ')})`);
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be a whole number, got ${seed}`);
  const config = SIZES[size];
  const { las, hubAreas } = loadReference();

  const schools = generateSchools(seed, config, las);
  chooseColdSpots(seed, schools);
  const world = buildWorld(seed, las, hubAreas, schools);

  const tsh = generateTeachingSchoolHubs(world);
  const scitts = generateScitts(world, config);
  const trainees = generateTrainees(world, scitts, scittCohortScale(config, scitts.length));
  const curriculumHubs = generateCurriculumHubs(world, config);
  const { programmes, participations } = generateProgrammes(world, curriculumHubs);
  const inductions = generateEctInductions(world, tsh, trainees);
  const npqs = generateNpqEnrolments(world, tsh, inductions);
  const supportEpisodes = generateSupportEpisodes(world);
  const { networks, members } = generateNetworks(world);

  return {
    'local-authorities.csv': las.map((la) => ({
      la_code: la.laCode,
      gss_code: la.gssCode,
      name: la.name,
      region_code: la.regionCode,
      region_name: la.regionName,
    })),
    'schools.csv': schools.map((s) => ({ ...s.row })),
    'support-episodes.csv': supportEpisodes,
    'networks.csv': networks,
    'network-members.csv': members,
    'teaching-school-hubs.csv': tsh.rows,
    'ect-inductions.csv': inductions.ects.map((e) => e.row),
    'npq-enrolments.csv': npqs,
    'hub-partnerships.csv': generateHubPartnerships(tsh.rows, scitts, curriculumHubs),
    'scitts.csv': scitts.map((s) => s.row),
    'scitt-partner-schools.csv': partnerRows(scitts),
    'trainees.csv': trainees.map((t) => t.row),
    'placements.csv': trainees.flatMap((t) => t.placements),
    'curriculum-hubs.csv': curriculumHubs.map((h) => h.row),
    'programmes.csv': programmes,
    'participations.csv': participations,
  };
}
