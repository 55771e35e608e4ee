/**
 * The five dashboard questions answered directly from the input rows, in plain TypeScript, so that the end-to-end
 * tests can check what the graph answers against what the files say.
 */
import type { DemoDataset, SchoolRow } from '../../scripts/src/demo-data/types.ts';

const OPEN = new Set(['OPEN', 'OPEN_PROPOSED_TO_CLOSE']);
const isOpen = (s: SchoolRow) => OPEN.has(s.status);
const distinct = <T>(xs: T[]) => new Set(xs).size;

export class Answers {
  private readonly d: DemoDataset;
  private readonly laRegion: Map<string, string>;
  private readonly schoolByUrn: Map<string, SchoolRow>;
  private readonly traineeYear: Map<string, number>;
  private readonly programmeYear: Map<string, number>;

  constructor(d: DemoDataset) {
    this.d = d;
    this.laRegion = new Map(d['local-authorities.csv'].map((la) => [la.la_code, la.region_code]));
    this.schoolByUrn = new Map(d['schools.csv'].map((s) => [s.urn, s]));
    this.traineeYear = new Map(d['trainees.csv'].map((t) => [t.trainee_id, t.academic_year]));
    this.programmeYear = new Map(d['programmes.csv'].map((p) => [p.programme_id, p.academic_year]));
  }

  regionOf(urn: string): string | undefined {
    const school = this.schoolByUrn.get(urn);
    return school ? this.laRegion.get(school.la_code) : undefined;
  }

  schoolsIn(scope: { laCode?: string; regionCode?: string }): SchoolRow[] {
    return this.d['schools.csv'].filter((s) => (scope.laCode ? s.la_code === scope.laCode : this.laRegion.get(s.la_code) === scope.regionCode));
  }

  /** Question 1 figures over a set of schools for one academic year. */
  engagement(urns: Set<string>, year: number) {
    const placements = this.d['placements.csv'].filter((p) => urns.has(p.urn) && this.traineeYear.get(p.trainee_id) === year);
    const inductions = this.d['ect-inductions.csv'].filter((i) => urns.has(i.school_urn) && i.academic_year === year);
    const npqs = this.d['npq-enrolments.csv'].filter((e) => urns.has(e.school_urn) && e.cohort === year);
    const participations = this.d['participations.csv'].filter((p) => urns.has(p.urn) && this.programmeYear.get(p.programme_id) === year);
    return {
      ittEngagement: {
        schoolsHostingPlacements: distinct(placements.map((p) => p.urn)),
        placements: placements.length,
        trainees: distinct(placements.map((p) => p.trainee_id)),
      },
      inductionEngagement: { schoolsWithEcts: distinct(inductions.map((i) => i.school_urn)), ects: inductions.length },
      npqEngagement: { schoolsWithParticipants: distinct(npqs.map((e) => e.school_urn)), enrolments: npqs.length },
      hubEngagement: {
        schoolsParticipating: distinct(participations.map((p) => p.urn)),
        participations: participations.length,
        teachers: participations.reduce((n, p) => n + (p.teachers ?? 1), 0),
      },
    };
  }

  /** Question 1: the regional overview. */
  regionalOverview(regionCode: string, year: number) {
    const las = this.d['local-authorities.csv'].filter((la) => la.region_code === regionCode).sort((a, b) => a.la_code.localeCompare(b.la_code));
    const all = this.schoolsIn({ regionCode });
    return {
      code: regionCode,
      openSchoolCount: all.filter(isOpen).length,
      ...this.engagement(new Set(all.map((s) => s.urn)), year),
      localAuthorities: las.map((la) => {
        const schools = this.schoolsIn({ laCode: la.la_code });
        return { code: la.la_code, name: la.name, openSchoolCount: schools.filter(isOpen).length, ...this.engagement(new Set(schools.map((s) => s.urn)), year) };
      }),
    };
  }

  /** URNs with any engagement in a span of academic years. */
  engagedIn(fromYear: number, toYear: number): Set<string> {
    const inSpan = (y: number | undefined) => y !== undefined && y >= fromYear && y <= toYear;
    return new Set([
      ...this.d['placements.csv'].filter((p) => inSpan(this.traineeYear.get(p.trainee_id))).map((p) => p.urn),
      ...this.d['ect-inductions.csv'].filter((i) => inSpan(i.academic_year)).map((i) => i.school_urn),
      ...this.d['npq-enrolments.csv'].filter((e) => inSpan(e.cohort)).map((e) => e.school_urn),
      ...this.d['participations.csv'].filter((p) => inSpan(this.programmeYear.get(p.programme_id))).map((p) => p.urn),
    ]);
  }

  /** Question 2: cold spots, most disadvantaged first. */
  coldSpots(scope: { laCode?: string; regionCode?: string }, fromYear: number, toYear: number) {
    const candidates = this.schoolsIn(scope).filter((s) => isOpen(s) && s.type_group !== 'INDEPENDENT');
    const engaged = this.engagedIn(fromYear, toYear);
    const cold = candidates
      .filter((s) => !engaged.has(s.urn))
      .sort((a, b) => (b.percentage_fsm ?? -1) - (a.percentage_fsm ?? -1) || a.urn.localeCompare(b.urn));
    return { candidateCount: candidates.length, coldSpotCount: cold.length, urns: cold.map((s) => s.urn) };
  }

  /** Question 3: growing our own. */
  growingOurOwn(scittId: string, year: number) {
    const scitt = this.d['scitts.csv'].find((s) => s.scitt_id === scittId)!;
    const cohort = this.d['trainees.csv'].filter((t) => t.scitt_id === scittId && t.academic_year === year);
    const awarded = cohort.filter((t) => t.status === 'AWARDED');
    const trns = new Set(awarded.flatMap((t) => (t.trn ? [t.trn] : [])));
    const firstInduction = new Map<string, { started_on: string; induction_id: string; school_urn: string }>();
    for (const i of this.d['ect-inductions.csv']) {
      if (!trns.has(i.trn)) continue;
      const seen = firstInduction.get(i.trn);
      if (!seen || i.started_on < seen.started_on || (i.started_on === seen.started_on && i.induction_id < seen.induction_id)) firstInduction.set(i.trn, i);
    }
    const partners = new Set(this.d['scitt-partner-schools.csv'].filter((p) => p.scitt_id === scittId).map((p) => p.urn));
    const leadLa = scitt.lead_school_urn ? this.schoolByUrn.get(scitt.lead_school_urn)?.la_code : undefined;
    const retention = { inSameLocalAuthority: 0, inSameRegion: 0, inPartnerSchool: 0, inUnknownSchool: 0 };
    for (const { school_urn } of firstInduction.values()) {
      const school = this.schoolByUrn.get(school_urn);
      if (partners.has(school_urn)) retention.inPartnerSchool += 1;
      if (!school) {
        retention.inUnknownSchool += 1;
        continue;
      }
      if (school.la_code === leadLa) retention.inSameLocalAuthority += 1;
      if (this.laRegion.get(school.la_code) === scitt.region_code) retention.inSameRegion += 1;
    }
    return { traineeCount: cohort.length, awardedCount: awarded.length, startedInductionCount: firstInduction.size, localRetention: retention };
  }

  /** Question 5: schools receiving support in a region during a year, with their engagement that year. */
  supportAndEngagement(regionCode: string, year: number) {
    const active = this.d['support-episodes.csv'].filter(
      (e) => e.started_on <= `${year + 1}-08-31` && (e.ended_on === null || e.ended_on >= `${year}-09-01`) && this.regionOf(e.supported_urn) === regionCode,
    );
    const urns = [...new Set(active.map((e) => e.supported_urn))].sort();
    return urns.map((urn) => ({
      urn,
      supportReceived: active
        .filter((e) => e.supported_urn === urn)
        .sort((a, b) => a.started_on.localeCompare(b.started_on) || a.episode_id.localeCompare(b.episode_id))
        .map((e) => e.episode_id),
      ectCount: this.d['ect-inductions.csv'].filter((i) => i.school_urn === urn && i.academic_year === year).length,
      npqCount: this.d['npq-enrolments.csv'].filter((e) => e.school_urn === urn && e.cohort === year).length,
      hubProgrammeCount: this.d['participations.csv'].filter((p) => p.urn === urn && this.programmeYear.get(p.programme_id) === year).length,
      placementCount: this.d['placements.csv'].filter((p) => p.urn === urn && this.traineeYear.get(p.trainee_id) === year).length,
    }));
  }
}
