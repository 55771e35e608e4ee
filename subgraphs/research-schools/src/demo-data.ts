import type { DemoDataHook, DemoSchool } from '@tdg/kit/demo-data';
import { laCodesOfRegion } from '@tdg/kit/reference';
import { RESEARCH_THEMES } from './modules/programme/research-programme.entity.ts';

/** The academic years the demo programmes run in. */
export const DEMO_YEARS = [2021, 2022, 2023, 2024] as const;
const REGIONS = ['A', 'B', 'D', 'E', 'F', 'G', 'H', 'J', 'K'] as const;

const TITLES: Record<(typeof RESEARCH_THEMES)[number], string> = {
  METACOGNITION: 'Metacognition and self-regulated learning',
  READING: 'Improving literacy: reading comprehension',
  WRITING: 'Improving literacy: writing across the curriculum',
  MATHEMATICS: 'Improving mathematics in key stages 2 and 3',
  FEEDBACK: 'Teacher feedback to improve pupil learning',
  BEHAVIOUR: 'Improving behaviour in schools',
  TEACHING_ASSISTANTS: 'Making best use of teaching assistants',
  DISADVANTAGE: 'Closing the disadvantage gap',
  SEND: 'Special educational needs in mainstream schools',
  PROFESSIONAL_DEVELOPMENT: 'Effective professional development',
};

/**
 * The Research Schools Network of the demo: in every region 3 or 4 research schools (the first a Research School, the
 * others Research or Associate Research Schools), each led by an open school of one of the region's LAs (`RS-<region><n>`:
 * `RS-A1` always exists); each runs 1 to 3 programmes per academic year 2021–2024, taken part in by 4 to 20 schools
 * of its region with 1 to 6 teachers each.
 */
export const researchSchoolsDemoData: DemoDataHook = ({ schools, random }) => {
  const byRegion = new Map<string, DemoSchool[]>();
  for (const s of schools) {
    if (s.status !== 'OPEN' || !s.regionCode) continue;
    let list = byRegion.get(s.regionCode);
    if (!list) byRegion.set(s.regionCode, (list = []));
    list.push(s);
  }
  const researchSchools: Record<string, string | null>[] = [];
  const programmes: Record<string, string | number>[] = [];
  const participations: Record<string, string | number>[] = [];
  for (const region of REGIONS) {
    const open = byRegion.get(region) ?? [];
    const count = random.int(3, 4);
    const leads = random.sample(open, count);
    for (let n = 1; n <= count; n++) {
      const id = `RS-${region}${n}`;
      const lead = leads[n - 1];
      const designation = n === 1 || random.chance(0.4) ? 'RESEARCH_SCHOOL' : 'ASSOCIATE_RESEARCH_SCHOOL';
      const laCode = lead?.laCode ?? random.pick(laCodesOfRegion(region));
      const base = lead?.name ?? `Region ${region} school ${n}`;
      researchSchools.push({
        research_school_id: id,
        name: `${base} ${designation === 'RESEARCH_SCHOOL' ? 'Research School' : 'Associate Research School'}`,
        designation,
        lead_school_urn: lead?.urn ?? null,
        la_code: laCode,
      });
      for (const year of DEMO_YEARS) {
        const themes = random.sample(RESEARCH_THEMES, random.int(1, 3));
        themes.forEach((theme, i) => {
          const programmeId = `${id}-${year}-${i + 1}`;
          programmes.push({ programme_id: programmeId, research_school_id: id, title: TITLES[theme], theme, academic_year: year });
          const taking = random.sample(open, random.int(4, 20)).sort((a, b) => a.urn.localeCompare(b.urn));
          for (const school of taking) participations.push({ programme_id: programmeId, urn: school.urn, teachers: random.int(1, 6) });
        });
      }
    }
  }
  return {
    'research-schools.csv': researchSchools,
    'research-programmes.csv': programmes,
    'research-participations.csv': participations,
  };
};
