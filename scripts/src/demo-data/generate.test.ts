import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { generateDemoData, writeDemoData } from './generate.ts';
import {
  CURRICULUM_HUB_KINDS,
  DEMO_FILE_NAMES,
  type DemoDataset,
  ECT_STATUSES,
  ECT_TRAINING_PROGRAMMES,
  HUB_PARTNER_KINDS,
  NETWORK_KINDS,
  NPQ_COURSES,
  NPQ_STATUSES,
  OFSTED_RATINGS,
  REGION_CODES,
  SCHOOL_PHASES,
  SCHOOL_STATUSES,
  SUPPORT_CATEGORIES,
  SUPPORT_TYPES,
  TRAINEE_STATUSES,
  TRAINING_ROUTES,
  TYPE_GROUPS,
  WORKGROUP_PHASES,
} from './types.ts';

/** The headers of DATA-FORMAT.md, written out independently of the generator's own list. */
const HEADERS: Record<string, string[]> = {
  'local-authorities.csv': ['la_code', 'gss_code', 'name', 'region_code', 'region_name'],
  'schools.csv': ['urn', 'name', 'la_code', 'phase', 'type_group', 'status', 'statutory_low_age', 'statutory_high_age', 'number_of_pupils', 'percentage_fsm', 'ofsted_rating', 'trust_name', 'postcode'],
  'support-episodes.csv': ['episode_id', 'supported_urn', 'supporting_urn', 'support_type', 'category', 'started_on', 'ended_on'],
  'networks.csv': ['network_id', 'la_code', 'name', 'kind'],
  'network-members.csv': ['network_id', 'urn'],
  'teaching-school-hubs.csv': ['hub_id', 'name', 'lead_school_urn', 'region_code', 'la_codes'],
  'ect-inductions.csv': ['induction_id', 'trn', 'school_urn', 'hub_id', 'academic_year', 'training_programme', 'status', 'started_on', 'finished_on', 'mentor_trn'],
  'npq-enrolments.csv': ['enrolment_id', 'trn', 'school_urn', 'hub_id', 'course', 'cohort', 'status'],
  'hub-partnerships.csv': ['hub_id', 'partner_kind', 'partner_id'],
  'scitts.csv': ['scitt_id', 'ukprn', 'name', 'lead_school_urn', 'region_code'],
  'scitt-partner-schools.csv': ['scitt_id', 'urn'],
  'trainees.csv': ['trainee_id', 'scitt_id', 'trn', 'route', 'phase', 'subject', 'academic_year', 'status', 'awarded_on'],
  'placements.csv': ['placement_id', 'trainee_id', 'urn', 'started_on', 'ended_on'],
  'curriculum-hubs.csv': ['hub_id', 'name', 'kind', 'lead_school_urn', 'la_codes'],
  'programmes.csv': ['programme_id', 'hub_id', 'title', 'academic_year', 'workgroup_phase'],
  'participations.csv': ['programme_id', 'urn', 'teachers'],
};

const YEARS = [2021, 2022, 2023, 2024];
const DATA_AS_OF = '2025-03-31';
const URN = /^\d{6,}$/;
const TRN = /^\d{7}$/;
const isIsoDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
const inAcademicYear = (date: string, year: number) => date >= `${year}-09-01` && date <= `${year + 1}-08-31`;
const oneOf = (values: readonly string[]) => (v: string | null) => v !== null && values.includes(v);

const small: DemoDataset = generateDemoData({ size: 'small', seed: 1 });

const duplicates = (keys: string[]) => keys.filter((k, i) => keys.indexOf(k) !== i);
const uniqueKeys = (keys: string[]) => new Set(keys).size === keys.length || duplicates(keys);

function engagedUrns(d: DemoDataset): Set<string> {
  return new Set([
    ...d['placements.csv'].map((p) => p.urn),
    ...d['ect-inductions.csv'].map((e) => e.school_urn),
    ...d['npq-enrolments.csv'].map((e) => e.school_urn),
    ...d['participations.csv'].map((p) => p.urn),
  ]);
}

describe('determinism', () => {
  test('the same size and seed give identical data', () => {
    expect(generateDemoData({ size: 'small', seed: 1 })).toEqual(small);
  });

  test('another seed gives different data', () => {
    const other = generateDemoData({ size: 'small', seed: 2 });
    expect(other['schools.csv'].map((s) => s.name)).not.toEqual(small['schools.csv'].map((s) => s.name));
    expect(other['ect-inductions.csv']).not.toEqual(small['ect-inductions.csv']);
  });

  test('unknown sizes and bad seeds are refused', () => {
    expect(() => generateDemoData({ size: 'huge' as 'small', seed: 1 })).toThrow(/unknown size/);
    expect(() => generateDemoData({ size: 'small', seed: 1.5 })).toThrow(/seed/);
  });
});

describe('files and headers (size small)', () => {
  test('every file of DATA-FORMAT.md is there, each row with exactly its columns', () => {
    expect([...DEMO_FILE_NAMES].sort()).toEqual(Object.keys(HEADERS).sort());
    for (const file of DEMO_FILE_NAMES) {
      expect(small[file].length).toBeGreaterThan(0);
      for (const row of small[file] as object[]) expect(Object.keys(row)).toEqual(HEADERS[file]);
    }
  });

  test('written CSV files have the headers, the rows, empty cells for null and ;-lists', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tdg-demo-data-'));
    const counts = writeDemoData(small, folder);
    for (const file of DEMO_FILE_NAMES) {
      const records = parse(readFileSync(join(folder, file)), { bom: true }) as string[][];
      expect(records[0]).toEqual(HEADERS[file]);
      expect(records.length - 1).toBe(small[file].length);
      expect(counts[file]).toBe(small[file].length);
    }
    const schools = parse(readFileSync(join(folder, 'schools.csv')), { columns: true }) as Record<string, string>[];
    const first = small['schools.csv'][0];
    expect(schools[0].urn).toBe(first.urn);
    expect(schools[0].trust_name).toBe(first.trust_name ?? '');
    const hubs = parse(readFileSync(join(folder, 'teaching-school-hubs.csv')), { columns: true }) as Record<string, string>[];
    expect(hubs.find((h) => h.hub_id === 'NE2')?.la_codes).toBe('808;807;806;805;841');
  });
});

describe('local authorities and schools (size small)', () => {
  const schools = small['schools.csv'];
  const las = small['local-authorities.csv'];

  test('all 153 LAs, every one with schools, every region present', () => {
    expect(las).toHaveLength(153);
    expect(new Set(las.map((la) => la.region_code))).toEqual(new Set(REGION_CODES));
    const perLa = new Map<string, number>();
    for (const s of schools) perLa.set(s.la_code, (perLa.get(s.la_code) ?? 0) + 1);
    for (const la of las) expect(perLa.get(la.la_code) ?? 0).toBeGreaterThanOrEqual(3);
    expect(schools.length).toBeGreaterThan(550);
    expect(schools.length).toBeLessThan(650);
  });

  test('schools: unique 6-digit URNs, valid enums, ages, figures', () => {
    expect(uniqueKeys(schools.map((s) => s.urn))).toBe(true);
    const laCodes = new Set(las.map((la) => la.la_code));
    for (const s of schools) {
      expect(s.urn).toMatch(URN);
      expect(laCodes.has(s.la_code)).toBe(true);
      expect(oneOf(SCHOOL_PHASES)(s.phase)).toBe(true);
      expect(oneOf(TYPE_GROUPS)(s.type_group)).toBe(true);
      expect(oneOf(SCHOOL_STATUSES)(s.status)).toBe(true);
      if (s.ofsted_rating !== null) expect(oneOf(OFSTED_RATINGS)(s.ofsted_rating)).toBe(true);
      expect(s.statutory_low_age!).toBeLessThan(s.statutory_high_age!);
      if (s.percentage_fsm !== null) {
        expect(s.percentage_fsm).toBeGreaterThanOrEqual(0);
        expect(s.percentage_fsm).toBeLessThanOrEqual(80);
        expect(Math.round(s.percentage_fsm * 10) / 10).toBe(s.percentage_fsm);
      }
      if (s.type_group === 'INDEPENDENT') expect(s.percentage_fsm).toBeNull();
      expect(s.postcode).toMatch(/^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/);
    }
    expect(new Set(schools.map((s) => s.status))).toEqual(new Set(SCHOOL_STATUSES));
  });

  test('support episodes: matching categories, supporting schools of the same LA, ordered dates', () => {
    const byUrn = new Map(schools.map((s) => [s.urn, s]));
    const episodes = small['support-episodes.csv'];
    expect(episodes.length).toBeGreaterThan(0);
    expect(uniqueKeys(episodes.map((e) => e.episode_id))).toBe(true);
    for (const e of episodes) {
      const supported = byUrn.get(e.supported_urn)!;
      expect(supported).toBeDefined();
      expect(oneOf(SUPPORT_TYPES)(e.support_type)).toBe(true);
      expect(oneOf(SUPPORT_CATEGORIES)(e.category)).toBe(true);
      if (e.category === 'REQUIRES_IMPROVEMENT') expect(supported.ofsted_rating).toBe('REQUIRES_IMPROVEMENT');
      if (e.category === 'SERIOUS_WEAKNESSES') expect(['SERIOUS_WEAKNESSES', 'SPECIAL_MEASURES', 'INADEQUATE']).toContain(supported.ofsted_rating);
      if (e.supporting_urn !== null) {
        const supporting = byUrn.get(e.supporting_urn)!;
        expect(supporting.la_code).toBe(supported.la_code);
        expect(['OUTSTANDING', 'GOOD']).toContain(supporting.ofsted_rating);
      } else expect(e.support_type).toBe('LA_ADVISER');
      expect(isIsoDate(e.started_on)).toBe(true);
      expect(e.started_on >= '2021-09-01' && e.started_on <= DATA_AS_OF).toBe(true);
      if (e.ended_on !== null) expect(e.ended_on > e.started_on && e.ended_on <= DATA_AS_OF).toBe(true);
    }
  });

  test('networks of every kind, members from the LA’s own schools', () => {
    const byUrn = new Map(schools.map((s) => [s.urn, s]));
    const networks = new Map(small['networks.csv'].map((n) => [n.network_id, n]));
    expect(networks.size).toBe(small['networks.csv'].length);
    expect(new Set(small['networks.csv'].map((n) => n.kind))).toEqual(new Set(NETWORK_KINDS));
    expect(uniqueKeys(small['network-members.csv'].map((m) => `${m.network_id}|${m.urn}`))).toBe(true);
    for (const m of small['network-members.csv']) expect(byUrn.get(m.urn)?.la_code).toBe(networks.get(m.network_id)?.la_code);
  });
});

describe('teaching school hubs (size small)', () => {
  const byUrn = new Map(small['schools.csv'].map((s) => [s.urn, s]));
  const hubs = new Map(small['teaching-school-hubs.csv'].map((h) => [h.hub_id, h]));

  test('all 87 hubs with a lead school in one of their LAs', () => {
    expect(small['teaching-school-hubs.csv']).toHaveLength(87);
    expect(hubs.has('EE3') && hubs.has('NE2')).toBe(true);
    for (const h of hubs.values()) expect(h.la_codes).toContain(byUrn.get(h.lead_school_urn!)?.la_code);
  });

  test('ECT inductions: unique ids and TRNs, hub covering the school, statuses and dates by year', () => {
    const ects = small['ect-inductions.csv'];
    expect(uniqueKeys(ects.map((e) => e.induction_id))).toBe(true);
    expect(uniqueKeys(ects.map((e) => e.trn))).toBe(true);
    for (const e of ects) {
      const school = byUrn.get(e.school_urn)!;
      expect(school.type_group).not.toBe('INDEPENDENT');
      expect(hubs.get(e.hub_id)!.la_codes).toContain(school.la_code);
      expect(e.trn).toMatch(TRN);
      if (e.mentor_trn !== null) expect(e.mentor_trn).toMatch(TRN);
      expect(e.mentor_trn).not.toBe(e.trn);
      expect(YEARS).toContain(e.academic_year);
      expect(oneOf(ECT_TRAINING_PROGRAMMES)(e.training_programme)).toBe(true);
      expect(oneOf(ECT_STATUSES)(e.status)).toBe(true);
      expect(inAcademicYear(e.started_on, e.academic_year) && e.started_on <= DATA_AS_OF).toBe(true);
      if (e.academic_year >= 2024) expect(['IN_PROGRESS', 'WITHDRAWN']).toContain(e.status);
      if (e.status === 'IN_PROGRESS' || e.status === 'EXTENDED') expect(e.finished_on).toBeNull();
      else expect(e.finished_on! > e.started_on && e.finished_on! <= DATA_AS_OF).toBe(true);
    }
    for (const year of YEARS) expect(ects.filter((e) => e.academic_year === year).length).toBeGreaterThan(100);
  });

  test('NPQ enrolments: valid, one per TRN per cohort, hub covering the school', () => {
    const npqs = small['npq-enrolments.csv'];
    expect(uniqueKeys(npqs.map((e) => e.enrolment_id))).toBe(true);
    expect(uniqueKeys(npqs.map((e) => `${e.trn}|${e.cohort}`))).toBe(true);
    for (const e of npqs) {
      expect(e.trn).toMatch(TRN);
      expect(YEARS).toContain(e.cohort);
      expect(oneOf(NPQ_COURSES)(e.course)).toBe(true);
      expect(oneOf(NPQ_STATUSES)(e.status)).toBe(true);
      expect(hubs.get(e.hub_id)!.la_codes).toContain(byUrn.get(e.school_urn)!.la_code);
    }
    const ectTrns = new Set(small['ect-inductions.csv'].map((e) => e.trn));
    expect(npqs.some((e) => ectTrns.has(e.trn))).toBe(true);
  });

  test('partnerships: unique, and every partner exists', () => {
    const rows = small['hub-partnerships.csv'];
    expect(uniqueKeys(rows.map((r) => `${r.hub_id}|${r.partner_kind}|${r.partner_id}`))).toBe(true);
    const ids = {
      SCITT: new Set(small['scitts.csv'].map((s) => s.scitt_id)),
      CURRICULUM_HUB: new Set(small['curriculum-hubs.csv'].map((h) => h.hub_id)),
      LOCAL_AUTHORITY: new Set(small['local-authorities.csv'].map((la) => la.la_code)),
    };
    for (const r of rows) {
      expect(hubs.has(r.hub_id)).toBe(true);
      expect(oneOf(HUB_PARTNER_KINDS)(r.partner_kind)).toBe(true);
      expect(ids[r.partner_kind].has(r.partner_id)).toBe(true);
    }
    expect(rows).toContainEqual({ hub_id: 'NE2', partner_kind: 'SCITT', partner_id: '70245' });
    expect(rows).toContainEqual({ hub_id: 'NE2', partner_kind: 'LOCAL_AUTHORITY', partner_id: '808' });
  });
});

describe('SCITTs (size small)', () => {
  const byUrn = new Map(small['schools.csv'].map((s) => [s.urn, s]));
  const trainees = small['trainees.csv'];

  test('70245 Stockton-on-Tees Teacher Training Partnership: 22 partner schools, mostly in 808, lead school in 808', () => {
    const scitt = small['scitts.csv'].find((s) => s.scitt_id === '70245')!;
    expect(scitt).toMatchObject({ name: 'Stockton-on-Tees Teacher Training Partnership', region_code: 'A' });
    expect(scitt.ukprn).toMatch(/^\d{8}$/);
    expect(byUrn.get(scitt.lead_school_urn!)?.la_code).toBe('808');
    const partners = small['scitt-partner-schools.csv'].filter((p) => p.scitt_id === '70245').map((p) => byUrn.get(p.urn)!);
    expect(partners).toHaveLength(22);
    expect(partners.filter((s) => s.la_code === '808').length).toBeGreaterThanOrEqual(14);
    const laRegion = new Map(small['local-authorities.csv'].map((la) => [la.la_code, la.region_code]));
    for (const s of partners) expect(laRegion.get(s.la_code)).toBe('A');
    const own = trainees.filter((t) => t.scitt_id === '70245');
    expect(new Set(own.map((t) => t.academic_year))).toEqual(new Set(YEARS));
    expect(new Set(own.map((t) => t.phase))).toEqual(new Set(['EARLY_YEARS', 'PRIMARY', 'SECONDARY']));
    expect(new Set(own.filter((t) => t.phase === 'SECONDARY').map((t) => t.subject))).toEqual(
      new Set(['100403', '100425', '100417', '100346', '100366', '100320', '100321', '100642', '100048', '100302', '100409']),
    );
  });

  test('at least one SCITT per region; partner keys unique; partners in the SCITT’s region', () => {
    const scitts = small['scitts.csv'];
    expect(new Set(scitts.map((s) => s.region_code))).toEqual(new Set(REGION_CODES));
    expect(uniqueKeys(scitts.map((s) => s.scitt_id))).toBe(true);
    const partners = small['scitt-partner-schools.csv'];
    expect(uniqueKeys(partners.map((p) => `${p.scitt_id}|${p.urn}`))).toBe(true);
    for (const s of scitts) {
      const own = partners.filter((p) => p.scitt_id === s.scitt_id);
      expect(own.length).toBeGreaterThanOrEqual(8);
      expect(own.length).toBeLessThanOrEqual(30);
      expect(own.map((p) => p.urn)).toContain(s.lead_school_urn);
    }
  });

  test('trainees: ids, routes by phase, subjects, statuses by year, TRNs, award dates', () => {
    expect(uniqueKeys(trainees.map((t) => t.trainee_id))).toBe(true);
    const trns = trainees.flatMap((t) => (t.trn ? [t.trn] : []));
    expect(uniqueKeys(trns)).toBe(true);
    const scittIds = new Set(small['scitts.csv'].map((s) => s.scitt_id));
    for (const t of trainees) {
      expect(scittIds.has(t.scitt_id)).toBe(true);
      expect(oneOf(TRAINING_ROUTES)(t.route)).toBe(true);
      expect(oneOf(TRAINEE_STATUSES)(t.status)).toBe(true);
      expect(t.route.startsWith('EARLY_YEARS_')).toBe(t.phase === 'EARLY_YEARS');
      if (t.phase === 'SECONDARY') expect(t.subject).toMatch(/^\d{6}$/);
      else expect(t.subject).toBeNull();
      expect(YEARS).toContain(t.academic_year);
      if (t.academic_year === 2024) expect(t.status).not.toBe('AWARDED');
      else expect(t.status).not.toBe('IN_TRAINING');
      if (t.trn !== null) expect(t.trn).toMatch(TRN);
      if (t.status === 'AWARDED') {
        expect(t.trn).not.toBeNull();
        expect(t.awarded_on! >= `${t.academic_year + 1}-06-15` && t.awarded_on! <= `${t.academic_year + 1}-07-31`).toBe(true);
      } else expect(t.awarded_on).toBeNull();
    }
    const finished = trainees.filter((t) => t.academic_year < 2024);
    const awardedShare = finished.filter((t) => t.status === 'AWARDED').length / finished.length;
    expect(awardedShare).toBeGreaterThan(0.75);
    expect(awardedShare).toBeLessThan(0.95);
  });

  test('placements: 1–2 per trainee, inside the academic year, ending after starting', () => {
    const byTrainee = new Map(trainees.map((t) => [t.trainee_id, t]));
    const placements = small['placements.csv'];
    expect(uniqueKeys(placements.map((p) => p.placement_id))).toBe(true);
    const perTrainee = new Map<string, number>();
    for (const p of placements) {
      const t = byTrainee.get(p.trainee_id)!;
      expect(t).toBeDefined();
      perTrainee.set(p.trainee_id, (perTrainee.get(p.trainee_id) ?? 0) + 1);
      expect(byUrn.get(p.urn)?.type_group).not.toBe('INDEPENDENT');
      expect(isIsoDate(p.started_on) && inAcademicYear(p.started_on, t.academic_year)).toBe(true);
      if (p.ended_on !== null) expect(p.ended_on > p.started_on && inAcademicYear(p.ended_on, t.academic_year)).toBe(true);
      else expect(t.status).toBe('IN_TRAINING');
    }
    for (const t of trainees) expect([1, 2]).toContain(perTrainee.get(t.trainee_id));
  });

  test('growing our own: SCITT-trained ECTs start the year after training, mostly near the SCITT', () => {
    const traineeByTrn = new Map(trainees.flatMap((t) => (t.trn ? [[t.trn, t] as const] : [])));
    const fromScitts = small['ect-inductions.csv'].filter((e) => traineeByTrn.has(e.trn));
    expect(fromScitts.length).toBeGreaterThan(50);
    for (const e of fromScitts) {
      const t = traineeByTrn.get(e.trn)!;
      expect(t.status).toBe('AWARDED');
      expect(t.phase).not.toBe('EARLY_YEARS');
      expect(e.academic_year).toBe(t.academic_year + 1);
      expect(e.started_on.slice(5, 7)).toBe('09');
    }
    const awarded = trainees.filter((t) => t.status === 'AWARDED' && t.phase !== 'EARLY_YEARS');
    const share = fromScitts.length / awarded.length;
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.9);
  });
});

describe('curriculum hubs (size small)', () => {
  const byUrn = new Map(small['schools.csv'].map((s) => [s.urn, s]));
  const hubs = small['curriculum-hubs.csv'];
  const laRegion = new Map(small['local-authorities.csv'].map((la) => [la.la_code, la.region_code]));

  test('every kind in every region; la_codes of one region; STELLAR covers Leicestershire', () => {
    for (const kind of CURRICULUM_HUB_KINDS) {
      for (const region of REGION_CODES) {
        expect(hubs.some((h) => h.kind === kind && h.la_codes.some((c) => laRegion.get(c) === region))).toBe(true);
      }
    }
    for (const h of hubs) expect(new Set(h.la_codes.map((c) => laRegion.get(c))).size).toBe(1);
    const stellar = hubs.find((h) => h.hub_id === 'SLP-STELLAR')!;
    expect(stellar).toMatchObject({ name: 'STELLAR Science Learning Partnership', kind: 'SCIENCE' });
    expect(stellar.la_codes).toEqual(expect.arrayContaining(['855', '856', '857']));
    expect(byUrn.get(stellar.lead_school_urn!)?.la_code).toBe('855');
    expect(uniqueKeys(hubs.map((h) => h.hub_id))).toBe(true);
  });

  test('programmes per hub per year; participations of schools in the hub’s LAs', () => {
    const programmes = new Map(small['programmes.csv'].map((p) => [p.programme_id, p]));
    expect(programmes.size).toBe(small['programmes.csv'].length);
    const hubById = new Map(hubs.map((h) => [h.hub_id, h]));
    for (const p of programmes.values()) {
      expect(hubById.has(p.hub_id)).toBe(true);
      expect(YEARS).toContain(p.academic_year);
      if (p.workgroup_phase !== null) expect(oneOf(WORKGROUP_PHASES)(p.workgroup_phase)).toBe(true);
    }
    const parts = small['participations.csv'];
    expect(uniqueKeys(parts.map((p) => `${p.programme_id}|${p.urn}`))).toBe(true);
    for (const p of parts) {
      const programme = programmes.get(p.programme_id)!;
      expect(hubById.get(programme.hub_id)!.la_codes).toContain(byUrn.get(p.urn)?.la_code);
      if (p.teachers !== null) expect(p.teachers >= 1 && p.teachers <= 6).toBe(true);
    }
    expect(parts.some((p) => p.teachers === null)).toBe(true);
  });
});

describe('references and engagement (size small)', () => {
  test('every URN named anywhere is a generated school', () => {
    const urns = new Set(small['schools.csv'].map((s) => s.urn));
    const named = [
      ...small['support-episodes.csv'].flatMap((e) => [e.supported_urn, e.supporting_urn]),
      ...small['network-members.csv'].map((m) => m.urn),
      ...small['teaching-school-hubs.csv'].map((h) => h.lead_school_urn),
      ...small['ect-inductions.csv'].map((e) => e.school_urn),
      ...small['npq-enrolments.csv'].map((e) => e.school_urn),
      ...small['scitts.csv'].map((s) => s.lead_school_urn),
      ...small['scitt-partner-schools.csv'].map((p) => p.urn),
      ...small['placements.csv'].map((p) => p.urn),
      ...small['curriculum-hubs.csv'].map((h) => h.lead_school_urn),
      ...small['participations.csv'].map((p) => p.urn),
    ].filter((u): u is string => u !== null);
    expect(named.filter((u) => !urns.has(u))).toEqual([]);
  });

  test('cold spots: about 12% of open state-funded schools have no engagement in any year, in every region', () => {
    const engaged = engagedUrns(small);
    const laRegion = new Map(small['local-authorities.csv'].map((la) => [la.la_code, la.region_code]));
    const open = small['schools.csv'].filter((s) => (s.status === 'OPEN' || s.status === 'OPEN_PROPOSED_TO_CLOSE') && s.type_group !== 'INDEPENDENT');
    const cold = open.filter((s) => !engaged.has(s.urn));
    expect(cold.length / open.length).toBeGreaterThan(0.08);
    expect(cold.length / open.length).toBeLessThan(0.2);
    expect(new Set(cold.map((s) => laRegion.get(s.la_code)))).toEqual(new Set(REGION_CODES));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(cold.map((s) => s.percentage_fsm ?? 0))).toBeGreaterThan(mean(open.map((s) => s.percentage_fsm ?? 0)));
    // engaged schools are real, open, state-funded schools
    const byUrn = new Map(small['schools.csv'].map((s) => [s.urn, s]));
    for (const urn of engaged) expect(open).toContain(byUrn.get(urn));
  });
});

describe('other sizes', () => {
  test('region: about 2,800 schools over all 153 LAs, at least 8 each', () => {
    const region = generateDemoData({ size: 'region', seed: 1 });
    const schools = region['schools.csv'];
    expect(schools.length).toBeGreaterThan(2_600);
    expect(schools.length).toBeLessThan(3_000);
    const perLa = new Map<string, number>();
    for (const s of schools) perLa.set(s.la_code, (perLa.get(s.la_code) ?? 0) + 1);
    expect(perLa.size).toBe(153);
    expect(Math.min(...perLa.values())).toBeGreaterThanOrEqual(8);
    expect(region['teaching-school-hubs.csv']).toHaveLength(87);
    expect(region['scitt-partner-schools.csv'].filter((p) => p.scitt_id === '70245')).toHaveLength(22);
  });

  test('national: about 22,000 state-funded schools (timed)', () => {
    const started = performance.now();
    const national = generateDemoData({ size: 'national', seed: 1 });
    const seconds = (performance.now() - started) / 1000;
    const counts = Object.fromEntries(DEMO_FILE_NAMES.map((f) => [f, national[f].length]));
    console.log(`national demo data generated in ${seconds.toFixed(1)} s`, counts);
    const state = national['schools.csv'].filter((s) => s.type_group !== 'INDEPENDENT');
    expect(state.length).toBeGreaterThan(21_000);
    expect(state.length).toBeLessThan(23_000);
    const primary = state.filter((s) => s.phase === 'PRIMARY').length / state.length;
    expect(primary).toBeGreaterThan(0.75);
    const fsm = state.flatMap((s) => (s.percentage_fsm === null ? [] : [s.percentage_fsm]));
    expect(fsm.reduce((a, b) => a + b, 0) / fsm.length).toBeGreaterThan(21);
    expect(fsm.reduce((a, b) => a + b, 0) / fsm.length).toBeLessThan(27);
    expect(national['scitts.csv'].length).toBeGreaterThan(60);
    expect(national['curriculum-hubs.csv'].filter((h) => h.kind === 'MATHS').length).toBe(40);
  });
});
