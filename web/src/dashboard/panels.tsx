import { useMemo } from 'react';
import type { Answer } from './api.ts';
import { Bars } from './chart.tsx';
import { Panel, Table } from './panel.tsx';

const fmt = (n: number | null | undefined) => (n === null || n === undefined ? '—' : String(n));
const words = (s: string | null | undefined) => (s ? s.replace(/_/g, ' ').toLowerCase() : '—');
const pct = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n}%`);

interface Named {
  code: string;
  name: string;
}
/** Each figure is null when refused (the error says why). */
interface Engagement {
  openSchoolCount: number | null;
  ittEngagement: { schoolsHostingPlacements: number; placements: number; trainees: number } | null;
  inductionEngagement: { schoolsWithEcts: number; ects: number } | null;
  npqEngagement: { schoolsWithParticipants: number; enrolments: number } | null;
  hubEngagement: { schoolsParticipating: number; participations: number; teachers: number } | null;
}
export interface RegionalOverviewData {
  region: (Named & Engagement & { localAuthorities: (Named & Engagement)[] | null }) | null;
}

/** Question 1: per LA, open schools and the schools engaged with ITT, induction, NPQs and curriculum hubs. */
export function RegionalOverviewPanel({ answer, variables }: { answer: Answer<RegionalOverviewData> | null; variables: Record<string, unknown> }) {
  return (
    <Panel id="regional-overview" title="Regional overview" operationName="RegionalOverview" variables={variables} answer={answer}>
      {(data) => (data.region ? <Overview region={data.region} year={variables.academicYear as number} /> : <p>No region {String(variables.regionCode)}.</p>)}
    </Panel>
  );
}

function Overview({ region, year }: { region: NonNullable<RegionalOverviewData['region']>; year: number }) {
  const las = region.localAuthorities ?? [];
  const series = useMemo(
    () => [
      { name: 'Hosting ITT placements', values: las.map((l) => l.ittEngagement?.schoolsHostingPlacements ?? 0) },
      { name: 'With ECTs in induction', values: las.map((l) => l.inductionEngagement?.schoolsWithEcts ?? 0) },
      { name: 'With NPQ participants', values: las.map((l) => l.npqEngagement?.schoolsWithParticipants ?? 0) },
      { name: 'In curriculum-hub programmes', values: las.map((l) => l.hubEngagement?.schoolsParticipating ?? 0) },
    ],
    [las],
  );
  const categories = useMemo(() => las.map((l) => l.name), [las]);
  const row = (x: Named & Engagement) => [
    x.name,
    x.code,
    fmt(x.openSchoolCount),
    fmt(x.ittEngagement?.schoolsHostingPlacements),
    fmt(x.inductionEngagement?.schoolsWithEcts),
    fmt(x.npqEngagement?.schoolsWithParticipants),
    fmt(x.hubEngagement?.schoolsParticipating),
  ];
  return (
    <>
      {las.length > 0 && <Bars label={`Schools engaged per local authority of ${region.name}, ${year}/${(year + 1) % 100}: a bar chart of the table below`} categories={categories} series={series} />}
      <Table
        caption={`${region.name}, ${year}/${(year + 1) % 100}: schools per local authority`}
        head={['Local authority', 'Code', 'Open schools', 'Hosting ITT placements', 'With ECTs', 'With NPQ participants', 'In hub programmes']}
        rows={[...las.map(row), row({ ...region, name: `${region.name} (region)` })]}
        numeric={[2, 3, 4, 5, 6]}
      />
    </>
  );
}

interface ColdSpotSchool {
  urn: string;
  name: string;
  phase: string | null;
  percentageFsm: number | null;
  ofstedRating: string | null;
  localAuthority?: Named | null;
}
interface ColdSpots {
  candidateCount: number;
  coldSpotCount: number;
  schools: ColdSpotSchool[] | null;
}
export interface ColdSpotsData {
  region?: (Named & { coldSpots: ColdSpots | null }) | null;
  localAuthority?: (Named & { coldSpots: ColdSpots | null }) | null;
}

/** Question 2: open state-funded schools with no engagement over the span, highest FSM first. */
export function ColdSpotsPanel({ answer, operationName, variables }: { answer: Answer<ColdSpotsData> | null; operationName: string; variables: Record<string, unknown> }) {
  return (
    <Panel id="cold-spots" title="Cold spots" operationName={operationName} variables={variables} answer={answer}>
      {(data) => {
        const area = data.localAuthority ?? data.region;
        if (!area?.coldSpots) return <p>No area {String(variables.laCode ?? variables.regionCode)}.</p>;
        return <ColdSpotList area={area} spots={area.coldSpots} span={`${variables.fromYear}–${variables.toYear}`} />;
      }}
    </Panel>
  );
}

function ColdSpotList({ area, spots, span }: { area: Named; spots: ColdSpots; span: string }) {
  const schools = spots.schools ?? [];
  const charted = schools.filter((s) => s.percentageFsm !== null).slice(0, 15);
  const categories = useMemo(() => charted.map((s) => s.name), [charted]);
  const series = useMemo(() => [{ name: '% FSM', values: charted.map((s) => s.percentageFsm ?? 0) }], [charted]);
  return (
    <>
      <p className="figures">
        <span>
          <strong data-figure="coldSpotCount">{spots.coldSpotCount}</strong> cold spots
        </span>
        <span>
          of <strong data-figure="candidateCount">{spots.candidateCount}</strong> open state-funded schools in {area.name}, {span}
        </span>
      </p>
      {charted.length > 0 && <Bars label={`Free school meals of the first ${charted.length} cold spots: a bar chart of the table below`} categories={categories} series={series} unit="%" />}
      <Table
        caption={`Cold spots in ${area.name}, highest % FSM first (the first ${schools.length})`}
        head={['School', 'URN', 'Local authority', 'Phase', '% FSM', 'Ofsted']}
        rows={schools.map((s) => [s.name, s.urn, s.localAuthority?.name ?? area.name, words(s.phase), pct(s.percentageFsm), words(s.ofstedRating)])}
        numeric={[4]}
      />
    </>
  );
}

interface SupportedSchool {
  urn: string;
  name: string;
  ofstedRating: string | null;
  percentageFsm: number | null;
  localAuthority: Named | null;
  supportReceived: { id: string; supportType: string; category: string | null; startedOn: string; endedOn: string | null; supportingSchool: { urn: string; name: string } | null }[] | null;
  ectCount: number | null;
  npqCount: number | null;
  hubProgrammeCount: number | null;
  placementCount: number | null;
}
export interface SupportData {
  region: (Named & { schoolsReceivingSupport: SupportedSchool[] | null }) | null;
}

/** Question 5: schools receiving LA support in the year, with their engagement that year. */
export function SupportPanel({ answer, variables }: { answer: Answer<SupportData> | null; variables: Record<string, unknown> }) {
  return (
    <Panel id="support-and-engagement" title="Support and engagement" operationName="SupportAndEngagement" variables={variables} answer={answer}>
      {(data) => (data.region?.schoolsReceivingSupport ? <Supported schools={data.region.schoolsReceivingSupport} region={data.region.name} /> : <p>No figures.</p>)}
    </Panel>
  );
}

function Supported({ schools, region }: { schools: SupportedSchool[]; region: string }) {
  const categories = useMemo(() => schools.map((s) => s.name), [schools]);
  const series = useMemo(
    () => [
      { name: 'ECTs', values: schools.map((s) => s.ectCount ?? 0) },
      { name: 'NPQ enrolments', values: schools.map((s) => s.npqCount ?? 0) },
      { name: 'Hub programmes', values: schools.map((s) => s.hubProgrammeCount ?? 0) },
      { name: 'ITT placements', values: schools.map((s) => s.placementCount ?? 0) },
    ],
    [schools],
  );
  return (
    <>
      <p className="figures">
        <span>
          <strong data-figure="supportedCount">{schools.length}</strong> schools receiving support in {region}
        </span>
      </p>
      {schools.length > 0 && <Bars label="Engagement of each supported school: a bar chart of the table below" categories={categories} series={series} />}
      <Table
        caption={`Schools receiving support in ${region}, and their engagement`}
        head={['School', 'URN', 'Local authority', 'Support', 'ECTs', 'NPQs', 'Hub programmes', 'ITT placements']}
        rows={schools.map((s) => [
          s.name,
          s.urn,
          s.localAuthority?.name ?? '—',
          (s.supportReceived ?? []).map((x) => x.supportType.replace(/_/g, ' ')).join(', ') || '—',
          fmt(s.ectCount),
          fmt(s.npqCount),
          fmt(s.hubProgrammeCount),
          fmt(s.placementCount),
        ])}
        numeric={[4, 5, 6, 7]}
      />
    </>
  );
}

export interface GrowingOurOwnData {
  scitt: {
    id: string;
    name: string;
    partnerSchoolCount: number;
    region: Named | null;
    leadSchool: { urn: string; name: string; localAuthority: Named | null } | null;
    cohort: {
      academicYear: number;
      traineeCount: number;
      awardedCount: number;
      startedInductionCount: number;
      localRetention: { inSameLocalAuthority: number; inSameRegion: number; inPartnerSchool: number; inUnknownSchool: number };
    } | null;
  } | null;
}

/** Question 3: of a SCITT's cohort, how many were awarded, began induction, and where. */
export function GrowingOurOwnPanel({ answer, variables }: { answer: Answer<GrowingOurOwnData> | null; variables: Record<string, unknown> }) {
  return (
    <Panel id="growing-our-own" title="Growing our own" operationName="GrowingOurOwn" variables={variables} answer={answer}>
      {(data) => (data.scitt ? <Cohort scitt={data.scitt} /> : <p>No SCITT {String(variables.scittId)}.</p>)}
    </Panel>
  );
}

function Cohort({ scitt }: { scitt: NonNullable<GrowingOurOwnData['scitt']> }) {
  const c = scitt.cohort;
  const rows: [string, number][] = c
    ? [
        ['Trainees', c.traineeCount],
        ['Awarded QTS/EYTS', c.awardedCount],
        ['Began ECT induction', c.startedInductionCount],
        [`In the lead school's LA${scitt.leadSchool?.localAuthority ? ` (${scitt.leadSchool.localAuthority.name})` : ''}`, c.localRetention.inSameLocalAuthority],
        [`In the SCITT's region${scitt.region ? ` (${scitt.region.name})` : ''}`, c.localRetention.inSameRegion],
        ['In a partner school', c.localRetention.inPartnerSchool],
        ['In a school not on the register', c.localRetention.inUnknownSchool],
      ]
    : [];
  const categories = useMemo(() => rows.map((r) => r[0]), [rows]);
  const series = useMemo(() => [{ name: 'Trainees', values: rows.map((r) => r[1]) }], [rows]);
  return (
    <>
      <p className="figures">
        <span>
          {scitt.name} ({scitt.id}), {scitt.partnerSchoolCount} partner schools
        </span>
      </p>
      {c ? (
        <>
          <Bars label={`Cohort ${c.academicYear}/${(c.academicYear + 1) % 100} of ${scitt.name}: a bar chart of the table below`} categories={categories} series={series} />
          <Table caption={`Cohort starting ${c.academicYear}/${(c.academicYear + 1) % 100}`} head={['', 'Trainees']} rows={rows.map(([k, v]) => [k, fmt(v)])} numeric={[1]} />
        </>
      ) : (
        <p>No cohort that year.</p>
      )}
    </>
  );
}

interface Hub {
  id: string;
  name: string;
  kind?: string;
}
export interface GoldenThreadData {
  school: {
    urn: string;
    name: string;
    phase: string | null;
    localAuthority: Named | null;
    partnerScitts: { id: string; name: string }[] | null;
    placements: { id: string; startedOn: string; endedOn: string | null; trainee: { id: string; route: string; phase: string; subject: string | null; academicYear: number; scitt: { id: string; name: string } } }[] | null;
    ectInductions: { id: string; academicYear: number; status: string; trainingProgramme: string; appropriateBody: { id: string; name: string } | null }[] | null;
    npqEnrolments: { id: string; course: string; cohort: number; status: string }[] | null;
    hubParticipations: { teachers: number; programme: { id: string; title: string; academicYear: number; workgroupPhase: string | null; hub: Hub } }[] | null;
    supportReceived: { id: string; supportType: string; category: string | null; startedOn: string; endedOn: string | null }[] | null;
  } | null;
}


/** Question 4: a school's golden thread — ITT placements, ECT inductions, NPQs, hub programmes, support. */
export function GoldenThreadPanel({ answer, variables }: { answer: Answer<GoldenThreadData> | null; variables: Record<string, unknown> }) {
  return (
    <Panel id="golden-thread" title="Golden thread of a school" operationName="SchoolGoldenThread" variables={variables} answer={answer}>
      {(data) => (data.school ? <Thread school={data.school} /> : <p>No school with URN {String(variables.urn)}.</p>)}
    </Panel>
  );
}

function Thread({ school }: { school: NonNullable<GoldenThreadData['school']> }) {
  const counts: [string, number | null][] = [
    ['ITT placements', school.placements?.length ?? null],
    ['ECT inductions', school.ectInductions?.length ?? null],
    ['NPQ enrolments', school.npqEnrolments?.length ?? null],
    ['Hub programmes', school.hubParticipations?.length ?? null],
    ['Support episodes', school.supportReceived?.length ?? null],
  ];
  const shown = counts.filter((c): c is [string, number] => c[1] !== null);
  const categories = useMemo(() => shown.map((c) => c[0]), [shown]);
  const series = useMemo(() => [{ name: 'Records', values: shown.map((c) => c[1]) }], [shown]);
  return (
    <>
      <p className="figures">
        <span>
          {school.name} ({school.urn}), {words(school.phase)}
          {school.localAuthority ? `, ${school.localAuthority.name}` : ''}
          {school.partnerScitts?.length ? `; partner of ${school.partnerScitts.map((s) => s.name).join(', ')}` : ''}
        </span>
      </p>
      {shown.length > 0 && <Bars label={`Records of ${school.name} by kind: a bar chart of the table below`} categories={categories} series={series} />}
      <Table caption="Records by kind" head={['Kind', 'Records']} rows={counts.map(([k, v]) => [k, v === null ? 'not shown' : String(v)])} numeric={[1]} />
      {school.placements && (
        <Table
          caption="ITT placements"
          head={['Placement', 'Trainee', 'SCITT', 'Year', 'Route', 'Started', 'Ended']}
          rows={school.placements.map((p) => [p.id, p.trainee.id, p.trainee.scitt.name, String(p.trainee.academicYear), words(p.trainee.route), p.startedOn, p.endedOn ?? '—'])}
        />
      )}
      {school.ectInductions && (
        <Table
          caption="ECT inductions"
          head={['Induction', 'Year', 'Programme', 'Status', 'Appropriate body']}
          rows={school.ectInductions.map((i) => [i.id, String(i.academicYear), words(i.trainingProgramme), words(i.status), i.appropriateBody?.name ?? '—'])}
        />
      )}
      {school.npqEnrolments && (
        <Table caption="NPQ enrolments" head={['Enrolment', 'Course', 'Cohort', 'Status']} rows={school.npqEnrolments.map((n) => [n.id, n.course, String(n.cohort), words(n.status)])} />
      )}
      {school.hubParticipations && (
        <Table
          caption="Curriculum-hub programmes"
          head={['Programme', 'Hub', 'Year', 'Teachers']}
          rows={school.hubParticipations.map((h) => [h.programme.title, h.programme.hub.name, String(h.programme.academicYear), String(h.teachers)])}
          numeric={[3]}
        />
      )}
    </>
  );
}
