/**
 * The floor's answers: each benchmark operation computed with hand-written SQL against the four subgraph databases
 * directly (each database owns its data, as in the graph, so the floor too combines them in code), returning exactly
 * the `data` the gateways return. Independent statements run in parallel; each database is asked as few times as
 * the dependencies between them allow.
 */
import type pg from 'pg';

/** A database of one subgraph, counting the statements run. */
export interface Db {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
}

export interface Dbs {
  readonly la: Db;
  readonly tsh: Db;
  readonly scitts: Db;
  readonly ch: Db;
}

type Vars = Record<string, unknown>;
type Answer = (dbs: Dbs, v: Vars) => Promise<unknown>;

const OPEN = `('OPEN', 'OPEN_PROPOSED_TO_CLOSE')`;

interface Place {
  readonly code: string;
  readonly name: string;
}

/** Engagement figures over (key, urn) pairs, per key and in total (`null` key): grouping sets in one statement. */
type Figures = Map<string | null, Record<string, number>>;
const byKey = (rows: Record<string, unknown>[]): Figures =>
  new Map(rows.map(({ k, ...figures }) => [(k as string | null) ?? null, figures as Record<string, number>]));

async function engagement(dbs: Dbs, pairs: { k: string; urn: string }[], year: number) {
  const json = JSON.stringify(pairs);
  const [itt, ects, npqs, hubs] = await Promise.all([
    dbs.scitts.query(
      `select s.k, count(distinct p.urn)::int as "schoolsHostingPlacements", count(*)::int as placements, count(distinct p.trainee_id)::int as trainees
       from jsonb_to_recordset($1::jsonb) as s(k text, urn text)
       join placement p on p.urn = s.urn join trainee t on t.id = p.trainee_id
       where t.academic_year = $2 group by grouping sets ((s.k), ())`,
      [json, year],
    ),
    dbs.tsh.query(
      `select s.k, count(distinct i.school_urn)::int as "schoolsWithEcts", count(*)::int as ects
       from jsonb_to_recordset($1::jsonb) as s(k text, urn text) join ect_induction i on i.school_urn = s.urn
       where i.academic_year = $2 group by grouping sets ((s.k), ())`,
      [json, year],
    ),
    dbs.tsh.query(
      `select s.k, count(distinct n.school_urn)::int as "schoolsWithParticipants", count(*)::int as enrolments
       from jsonb_to_recordset($1::jsonb) as s(k text, urn text) join npq_enrolment n on n.school_urn = s.urn
       where n.cohort = $2 group by grouping sets ((s.k), ())`,
      [json, year],
    ),
    dbs.ch.query(
      `select s.k, count(distinct s.urn)::int as "schoolsParticipating", count(*)::int as participations, coalesce(sum(p.teachers), 0)::int as teachers
       from jsonb_to_recordset($1::jsonb) as s(k text, urn text)
       join participation p on p.urn = s.urn join programme g on g.id = p.programme_id
       where g.academic_year = $2 group by grouping sets ((s.k), ())`,
      [json, year],
    ),
  ]);
  const figures = { itt: byKey(itt), ects: byKey(ects), npqs: byKey(npqs), hubs: byKey(hubs) };
  return (k: string | null) => ({
    ittEngagement: figures.itt.get(k) ?? { schoolsHostingPlacements: 0, placements: 0, trainees: 0 },
    inductionEngagement: figures.ects.get(k) ?? { schoolsWithEcts: 0, ects: 0 },
    npqEngagement: figures.npqs.get(k) ?? { schoolsWithParticipants: 0, enrolments: 0 },
    hubEngagement: figures.hubs.get(k) ?? { schoolsParticipating: 0, participations: 0, teachers: 0 },
  });
}

const regionalOverview: Answer = async (dbs, v) => {
  const year = Number(v.academicYear);
  const rows = await dbs.la.query<{ region_code: string; region_name: string; code: string | null; name: string; open: number; urns: string[] }>(
    `select r.code as region_code, r.name as region_name, la.code, la.name,
            count(s.urn) filter (where s.status in ${OPEN})::int as open,
            coalesce(array_agg(s.urn) filter (where s.urn is not null), '{}') as urns
     from region r left join local_authority la on la.region_code = r.code left join school s on s.la_code = la.code
     where r.code = $1 group by r.code, r.name, la.code, la.name order by la.code`,
    [v.regionCode],
  );
  if (rows.length === 0) return { region: null };
  const las = rows.filter((r) => r.code !== null);
  const figures = await engagement(dbs, las.flatMap((la) => la.urns.map((urn) => ({ k: la.code!, urn }))), year);
  return {
    region: {
      code: rows[0].region_code,
      name: rows[0].region_name,
      openSchoolCount: las.reduce((n, la) => n + la.open, 0),
      ...figures(null),
      localAuthorities: las.map((la) => ({ code: la.code, name: la.name, openSchoolCount: la.open, ...figures(la.code) })),
    },
  };
};

/** Candidates (open state-funded schools of the scope, by URN) with engagement of any kind in the span. */
async function engagedUrns(dbs: Dbs, candidates: string[], fromYear: number, toYear: number): Promise<Set<string>> {
  if (candidates.length === 0) return new Set();
  const params = [candidates, fromYear, toYear];
  const lists = await Promise.all([
    dbs.scitts.query<{ urn: string }>(
      `select distinct p.urn from placement p join trainee t on t.id = p.trainee_id
       where p.urn = any($1) and t.academic_year between $2 and $3`,
      params,
    ),
    dbs.tsh.query<{ urn: string }>(
      `select school_urn as urn from ect_induction where school_urn = any($1) and academic_year between $2 and $3
       union select school_urn from npq_enrolment where school_urn = any($1) and cohort between $2 and $3`,
      params,
    ),
    dbs.ch.query<{ urn: string }>(
      `select distinct p.urn from participation p join programme g on g.id = p.programme_id
       where p.urn = any($1) and g.academic_year between $2 and $3`,
      params,
    ),
  ]);
  return new Set(lists.flat().map((r) => r.urn));
}

async function coldSpots(dbs: Dbs, scope: 'region' | 'la', v: Vars) {
  const fromYear = Number(v.fromYear);
  const toYear = Number(v.toYear);
  const limit = v.first === undefined || v.first === null ? 50 : Number(v.first);
  const [place] = await dbs.la.query<Place & { candidates: string[] }>(
    scope === 'region'
      ? `select r.code, r.name, coalesce(array_agg(s.urn order by s.urn) filter (where s.status in ${OPEN} and s.type_group <> 'INDEPENDENT'), '{}') as candidates
         from region r left join local_authority la on la.region_code = r.code left join school s on s.la_code = la.code
         where r.code = $1 group by r.code, r.name`
      : `select la.code, la.name, coalesce(array_agg(s.urn order by s.urn) filter (where s.status in ${OPEN} and s.type_group <> 'INDEPENDENT'), '{}') as candidates
         from local_authority la left join school s on s.la_code = la.code
         where la.code = $1 group by la.code, la.name`,
    [scope === 'region' ? v.regionCode : v.laCode],
  );
  if (!place) return null;
  const engaged = await engagedUrns(dbs, place.candidates, fromYear, toYear);
  const cold = place.candidates.filter((urn) => !engaged.has(urn));
  const schools =
    cold.length === 0 || limit === 0
      ? []
      : await dbs.la.query<Record<string, unknown>>(
          `select s.urn, s.name, s.phase, s.percentage_fsm as "percentageFsm", s.ofsted_rating as "ofstedRating", la.code as la_code, la.name as la_name
           from school s join local_authority la on la.code = s.la_code
           where s.urn = any($1) order by s.percentage_fsm desc nulls last, s.urn limit $2`,
          [cold, limit],
        );
  return {
    code: place.code,
    name: place.name,
    coldSpots: {
      candidateCount: place.candidates.length,
      coldSpotCount: cold.length,
      schools: schools.map(({ la_code, la_name, ...school }) => (scope === 'region' ? { ...school, localAuthority: { code: la_code, name: la_name } } : school)),
    },
  };
}

const growingOurOwn: Answer = async (dbs, v) => {
  const year = Number(v.academicYear);
  const [scitt] = await dbs.scitts.query<{
    id: string;
    name: string;
    region_code: string;
    lead_school_urn: string | null;
    partner_urns: string[];
    trainees: number;
    awarded: number;
    awarded_trns: string[];
  }>(
    `select sc.id, sc.name, sc.region_code, sc.lead_school_urn,
            (select coalesce(array_agg(ps.urn order by ps.urn), '{}') from scitt_partner_school ps where ps.scitt_id = sc.id) as partner_urns,
            c.trainees, c.awarded, c.awarded_trns
     from scitt sc cross join lateral (
       select count(*)::int as trainees, count(*) filter (where t.status = 'AWARDED')::int as awarded,
              coalesce(array_agg(distinct t.trn::text) filter (where t.status = 'AWARDED' and t.trn is not null), '{}') as awarded_trns
       from trainee t where t.scitt_id = sc.id and t.academic_year = $2) c
     where sc.id = $1`,
    [v.scittId, year],
  );
  if (!scitt) return { scitt: null };
  // Where each awarded teacher began induction: the school of their first induction.
  const firsts =
    scitt.awarded_trns.length === 0
      ? []
      : await dbs.tsh.query<{ school_urn: string }>(
          `select distinct on (i.trn) i.trn, i.school_urn from ect_induction i where i.trn = any($1) order by i.trn, i.started_on, i.id collate "C"`,
          [scitt.awarded_trns],
        );
  const [places] = await dbs.la.query<{
    region_name: string | null;
    lead: { urn: string; name: string; laCode: string; laName: string } | null;
    schools: { urn: string; laCode: string; regionCode: string }[];
  }>(
    `select (select name from region where code = $1) as region_name,
            (select json_build_object('urn', s.urn, 'name', s.name, 'laCode', la.code, 'laName', la.name)
             from school s join local_authority la on la.code = s.la_code where s.urn = $2) as lead,
            (select coalesce(json_agg(json_build_object('urn', s.urn, 'laCode', s.la_code, 'regionCode', la.region_code)), '[]')
             from school s join local_authority la on la.code = s.la_code where s.urn = any($3)) as schools`,
    [scitt.region_code, scitt.lead_school_urn, firsts.map((f) => f.school_urn)],
  );
  const schools = new Map(places.schools.map((s) => [s.urn, s]));
  const partners = new Set(scitt.partner_urns);
  const leadLa = places.lead?.laCode ?? null;
  const retention = { inSameLocalAuthority: 0, inSameRegion: 0, inPartnerSchool: 0, inUnknownSchool: 0 };
  for (const { school_urn } of firsts) {
    if (partners.has(school_urn)) retention.inPartnerSchool += 1;
    const school = schools.get(school_urn);
    if (!school) {
      retention.inUnknownSchool += 1;
      continue;
    }
    if (leadLa !== null && school.laCode === leadLa) retention.inSameLocalAuthority += 1;
    if (school.regionCode === scitt.region_code) retention.inSameRegion += 1;
  }
  const lead = places.lead;
  return {
    scitt: {
      id: scitt.id,
      name: scitt.name,
      partnerSchoolCount: scitt.partner_urns.length,
      region: places.region_name === null ? null : { code: scitt.region_code, name: places.region_name },
      leadSchool: lead ? { urn: lead.urn, name: lead.name, localAuthority: { code: lead.laCode, name: lead.laName } } : null,
      cohort: {
        academicYear: year,
        traineeCount: scitt.trainees,
        awardedCount: scitt.awarded,
        startedInductionCount: firsts.length,
        localRetention: retention,
      },
    },
  };
};

/** Support episodes active during an academic year (`$n` is the year, or null for all). */
const activeDuring = (alias: string, n: number) =>
  `($${n}::int is null or (${alias}.started_on <= make_date($${n}::int + 1, 8, 31) and (${alias}.ended_on is null or ${alias}.ended_on >= make_date($${n}::int, 9, 1))))`;

const schoolGoldenThread: Answer = async (dbs, v) => {
  const year = v.academicYear === undefined || v.academicYear === null ? null : Number(v.academicYear);
  const params = [v.urn, year];
  const [[school], [itt], [tsh], [ch]] = await Promise.all([
    dbs.la.query(
      `select s.urn, s.name, s.phase, la.code as la_code, la.name as la_name,
              (select coalesce(json_agg(json_build_object('id', e.id, 'supportType', e.support_type, 'category', e.category,
                        'startedOn', e.started_on::text, 'endedOn', e.ended_on::text) order by e.started_on, e.id), '[]')
               from support_episode e where e.supported_urn = s.urn and ${activeDuring('e', 2)}) as support
       from school s join local_authority la on la.code = s.la_code where s.urn = $1`,
      params,
    ),
    dbs.scitts.query(
      `select (select coalesce(json_agg(json_build_object('id', sc.id, 'name', sc.name) order by sc.id), '[]')
               from scitt_partner_school ps join scitt sc on sc.id = ps.scitt_id where ps.urn = $1) as partners,
              (select coalesce(json_agg(json_build_object('id', p.id, 'startedOn', p.started_on::text, 'endedOn', p.ended_on::text,
                        'trainee', json_build_object('id', t.id, 'route', t.route, 'phase', t.phase, 'subject', t.subject,
                          'academicYear', t.academic_year, 'scitt', json_build_object('id', sc.id, 'name', sc.name))) order by p.started_on, p.id), '[]')
               from placement p join trainee t on t.id = p.trainee_id join scitt sc on sc.id = t.scitt_id
               where p.urn = $1 and ($2::int is null or t.academic_year = $2)) as placements`,
      params,
    ),
    dbs.tsh.query(
      `select (select coalesce(json_agg(json_build_object('id', i.id, 'academicYear', i.academic_year, 'status', i.status,
                        'trainingProgramme', i.training_programme, 'appropriateBody', json_build_object('id', h.id, 'name', h.name))
                        order by i.started_on, i.id), '[]')
               from ect_induction i join teaching_school_hub h on h.id = i.hub_id where i.school_urn = $1 and ($2::int is null or i.academic_year = $2)) as inductions,
              (select coalesce(json_agg(json_build_object('id', n.id, 'course', n.course, 'cohort', n.cohort, 'status', n.status) order by n.cohort, n.id), '[]')
               from npq_enrolment n where n.school_urn = $1 and ($2::int is null or n.cohort = $2)) as npqs`,
      params,
    ),
    dbs.ch.query(
      `select coalesce(json_agg(json_build_object('teachers', p.teachers, 'programme', json_build_object('id', g.id, 'title', g.title,
                'academicYear', g.academic_year, 'workgroupPhase', g.workgroup_phase, 'hub', json_build_object('id', h.id, 'name', h.name, 'kind', h.kind)))
                order by g.academic_year, g.id), '[]') as participations
       from participation p join programme g on g.id = p.programme_id join curriculum_hub h on h.id = g.hub_id
       where p.urn = $1 and ($2::int is null or g.academic_year = $2)`,
      params,
    ),
  ]);
  if (!school) return { school: null };
  return {
    school: {
      urn: school.urn,
      name: school.name,
      phase: school.phase,
      localAuthority: { code: school.la_code, name: school.la_name },
      partnerScitts: itt.partners,
      placements: itt.placements,
      ectInductions: tsh.inductions,
      npqEnrolments: tsh.npqs,
      hubParticipations: ch.participations,
      supportReceived: school.support,
    },
  };
};

interface Induction {
  id: string;
  academicYear: number;
  trainingProgramme: string;
  status: string;
  startedOn: string;
  finishedOn: string | null;
  appropriateBody: { id: string; name: string };
  schoolUrn: string;
}
interface Enrolment {
  id: string;
  course: string;
  cohort: number;
  status: string;
  hub: { id: string; name: string };
  schoolUrn: string;
}
interface Training {
  id: string;
  scitt: { id: string; name: string };
  route: string;
  phase: string;
  subject: string | null;
  academicYear: number;
  status: string;
  awardedOn: string | null;
  placements: { id: string; startedOn: string; endedOn: string | null; urn: string }[];
}

const teacherGoldenThread: Answer = async (dbs, v) => {
  const params = [v.trn];
  const [[tsh], [itt]] = await Promise.all([
    dbs.tsh.query<{ known: boolean; inductions: Induction[]; npqs: Enrolment[] }>(
      `select (exists (select 1 from ect_induction where trn = $1) or exists (select 1 from ect_induction where mentor_trn = $1)
               or exists (select 1 from npq_enrolment where trn = $1)) as known,
              (select coalesce(json_agg(json_build_object('id', i.id, 'academicYear', i.academic_year, 'trainingProgramme', i.training_programme,
                        'status', i.status, 'startedOn', i.started_on::text, 'finishedOn', i.finished_on::text,
                        'appropriateBody', json_build_object('id', h.id, 'name', h.name), 'schoolUrn', i.school_urn) order by i.started_on, i.id), '[]')
               from ect_induction i join teaching_school_hub h on h.id = i.hub_id where i.trn = $1) as inductions,
              (select coalesce(json_agg(json_build_object('id', n.id, 'course', n.course, 'cohort', n.cohort, 'status', n.status,
                        'hub', json_build_object('id', h.id, 'name', h.name), 'schoolUrn', n.school_urn) order by n.cohort, n.id), '[]')
               from npq_enrolment n join teaching_school_hub h on h.id = n.hub_id where n.trn = $1) as npqs`,
      params,
    ),
    dbs.scitts.query<{ training: Training[] }>(
      `select coalesce(json_agg(json_build_object('id', t.id, 'scitt', json_build_object('id', sc.id, 'name', sc.name), 'route', t.route,
                'phase', t.phase, 'subject', t.subject, 'academicYear', t.academic_year, 'status', t.status, 'awardedOn', t.awarded_on::text,
                'placements', (select coalesce(json_agg(json_build_object('id', p.id, 'startedOn', p.started_on::text, 'endedOn', p.ended_on::text, 'urn', p.urn)
                                 order by p.started_on, p.id), '[]') from placement p where p.trainee_id = t.id))
                order by t.academic_year, t.id), '[]') as training
       from trainee t join scitt sc on sc.id = t.scitt_id where t.trn = $1`,
      params,
    ),
  ]);
  if (!tsh.known) return { teacher: null };
  const inductionUrns = [...new Set(tsh.inductions.map((i) => i.schoolUrn))];
  const urns = [...new Set([...inductionUrns, ...tsh.npqs.map((n) => n.schoolUrn), ...itt.training.flatMap((t) => t.placements.map((p) => p.urn))])];
  const [schoolRows, participationRows] = await Promise.all([
    dbs.la.query<{ urn: string; name: string; la_code: string; la_name: string }>(
      `select s.urn, s.name, la.code as la_code, la.name as la_name from school s join local_authority la on la.code = s.la_code where s.urn = any($1)`,
      [urns],
    ),
    inductionUrns.length === 0
      ? []
      : dbs.ch.query<{ urn: string; participation: unknown }>(
          `select p.urn, json_build_object('teachers', p.teachers, 'programme', json_build_object('id', g.id, 'title', g.title,
                    'academicYear', g.academic_year, 'workgroupPhase', g.workgroup_phase, 'hub', json_build_object('id', h.id, 'name', h.name, 'kind', h.kind))) as participation
           from participation p join programme g on g.id = p.programme_id join curriculum_hub h on h.id = g.hub_id
           where p.urn = any($1) order by g.academic_year, g.id`,
          [inductionUrns],
        ),
  ]);
  const schools = new Map(schoolRows.map((s) => [s.urn, s]));
  const participations = new Map<string, unknown[]>();
  for (const r of participationRows) participations.set(r.urn, [...(participations.get(r.urn) ?? []), r.participation]);
  const named = (urn: string) => {
    const s = schools.get(urn);
    return s ? { urn: s.urn, name: s.name } : null;
  };
  return {
    teacher: {
      trn: v.trn,
      training: itt.training.map(({ placements, awardedOn, ...t }) => ({
        ...t,
        award: t.status === 'AWARDED' ? (t.route.startsWith('EARLY_YEARS_') ? 'EYTS' : 'QTS') : null,
        awardedOn,
        placements: placements.map(({ urn, ...p }) => ({ ...p, school: named(urn) })),
      })),
      inductions: tsh.inductions.map(({ schoolUrn, ...i }) => {
        const s = schools.get(schoolUrn);
        return {
          ...i,
          school: s
            ? { urn: s.urn, name: s.name, localAuthority: { code: s.la_code, name: s.la_name }, hubParticipations: participations.get(s.urn) ?? [] }
            : null,
        };
      }),
      npqEnrolments: tsh.npqs.map(({ schoolUrn, ...n }) => ({ ...n, school: named(schoolUrn) })),
    },
  };
};

/** Per-school counts from the engagement subgraphs, for a year (placements, ECTs, NPQs by cohort, hub programmes). */
async function schoolCounts(dbs: Dbs, urns: string[], year: number) {
  if (urns.length === 0) return () => ({ placementCount: 0, ectCount: 0, npqCount: 0, hubProgrammeCount: 0 });
  const params = [urns, year];
  const [placements, ects, npqs, programmes] = await Promise.all([
    dbs.scitts.query<{ urn: string; n: number }>(
      `select p.urn, count(*)::int as n from placement p join trainee t on t.id = p.trainee_id where p.urn = any($1) and t.academic_year = $2 group by p.urn`,
      params,
    ),
    dbs.tsh.query<{ urn: string; n: number }>(
      `select school_urn as urn, count(*)::int as n from ect_induction where school_urn = any($1) and academic_year = $2 group by 1`,
      params,
    ),
    dbs.tsh.query<{ urn: string; n: number }>(
      `select school_urn as urn, count(*)::int as n from npq_enrolment where school_urn = any($1) and cohort = $2 group by 1`,
      params,
    ),
    dbs.ch.query<{ urn: string; n: number }>(
      `select p.urn, count(*)::int as n from participation p join programme g on g.id = p.programme_id where p.urn = any($1) and g.academic_year = $2 group by p.urn`,
      params,
    ),
  ]);
  const map = (rows: { urn: string; n: number }[]) => new Map(rows.map((r) => [r.urn, r.n]));
  const [p, e, n, h] = [map(placements), map(ects), map(npqs), map(programmes)];
  return (urn: string) => ({ placementCount: p.get(urn) ?? 0, ectCount: e.get(urn) ?? 0, npqCount: n.get(urn) ?? 0, hubProgrammeCount: h.get(urn) ?? 0 });
}

const supportAndEngagement: Answer = async (dbs, v) => {
  const year = Number(v.academicYear);
  const [region] = await dbs.la.query<Place & { schools: Record<string, unknown>[] }>(
    `select r.code, r.name, (
       select coalesce(json_agg(x), '[]') from (
         select s.urn, s.name, s.ofsted_rating as "ofstedRating", s.percentage_fsm as "percentageFsm", la.code as la_code, la.name as la_name,
                (select json_agg(json_build_object('id', e.id, 'supportType', e.support_type, 'category', e.category, 'startedOn', e.started_on::text,
                          'endedOn', e.ended_on::text, 'supportingSchool', case when g.urn is null then null else json_build_object('urn', g.urn, 'name', g.name) end)
                          order by e.started_on, e.id)
                 from support_episode e left join school g on g.urn = e.supporting_urn where e.supported_urn = s.urn and ${activeDuring('e', 2)}) as support
         from school s join local_authority la on la.code = s.la_code
         where la.region_code = r.code and exists (select 1 from support_episode e where e.supported_urn = s.urn and ${activeDuring('e', 2)})) x) as schools
     from region r where r.code = $1`,
    [v.regionCode, year],
  );
  if (!region) return { region: null };
  const schools = region.schools.sort((a, b) => String(a.urn).localeCompare(String(b.urn)));
  const counts = await schoolCounts(
    dbs,
    schools.map((s) => String(s.urn)),
    year,
  );
  return {
    region: {
      code: region.code,
      name: region.name,
      schoolsReceivingSupport: schools.map(({ la_code, la_name, support, ...s }) => {
        const c = counts(String(s.urn));
        return {
          ...s,
          localAuthority: { code: la_code, name: la_name },
          supportReceived: support,
          ectCount: c.ectCount,
          npqCount: c.npqCount,
          hubProgrammeCount: c.hubProgrammeCount,
          placementCount: c.placementCount,
        };
      }),
    },
  };
};

const adHocDisadvantagedSchools: Answer = async (dbs, v) => {
  const year = Number(v.academicYear);
  const rows = await dbs.la.query<Record<string, unknown> & { total: number }>(
    `select s.urn, s.name, s.percentage_fsm as "percentageFsm", s.ofsted_rating as "ofstedRating", la.code as la_code, la.name as la_name,
            count(*) over ()::int as total
     from school s join local_authority la on la.code = s.la_code
     where la.region_code = $1 and s.status = 'OPEN' and s.type_group <> 'INDEPENDENT'
     order by s.percentage_fsm desc nulls last, s.urn limit 100`,
    [v.regionCode],
  );
  const counts = await schoolCounts(
    dbs,
    rows.map((r) => String(r.urn)),
    year,
  );
  return {
    schools: {
      totalCount: rows[0]?.total ?? (await dbs.la.query<{ n: number }>(
        `select count(*)::int as n from school s join local_authority la on la.code = s.la_code
         where la.region_code = $1 and s.status = 'OPEN' and s.type_group <> 'INDEPENDENT'`,
        [v.regionCode],
      ))[0].n,
      nodes: rows.map(({ la_code, la_name, total: _total, ...s }) => ({ ...s, localAuthority: { code: la_code, name: la_name }, ...counts(String(s.urn)) })),
    },
  };
};

const adHocHubCoverage: Answer = async (dbs, v) => {
  const year = Number(v.academicYear);
  const hubs = await dbs.tsh.query<{ id: string; name: string; lead_school_urn: string | null; ects: number; npqs: number; las: string[] }>(
    `with h as (select id, name, lead_school_urn from teaching_school_hub where region_code = $1)
     select h.id, h.name, h.lead_school_urn, coalesce(e.n, 0) as ects, coalesce(n.n, 0) as npqs, coalesce(l.las, '{}') as las
     from h
     left join (select hub_id, count(*)::int as n from ect_induction where academic_year = $2 and hub_id in (select id from h) group by hub_id) e on e.hub_id = h.id
     left join (select hub_id, count(*)::int as n from npq_enrolment where cohort = $2 and hub_id in (select id from h) group by hub_id) n on n.hub_id = h.id
     left join (select hub_id, array_agg(la_code::text order by la_code) as las from hub_local_authority where hub_id in (select id from h) group by hub_id) l
       on l.hub_id = h.id
     order by h.id`,
    [v.regionCode, year],
  );
  const laCodes = [...new Set(hubs.flatMap((h) => h.las))];
  const leadUrns = hubs.flatMap((h) => (h.lead_school_urn ? [h.lead_school_urn] : []));
  const [[places], coverage] = await Promise.all([
    dbs.la.query<{ schools: Record<string, { name: string; ofstedRating: string | null }> | null; las: Record<string, string> | null }>(
      `select (select json_object_agg(s.urn, json_build_object('name', s.name, 'ofstedRating', s.ofsted_rating)) from school s where s.urn = any($1)) as schools,
              (select json_object_agg(la.code, la.name) from local_authority la where la.code = any($2)) as las`,
      [leadUrns, laCodes],
    ),
    dbs.ch.query<{ la_code: string; id: string; name: string; kind: string }>(
      `select l.la_code, h.id, h.name, h.kind from curriculum_hub_local_authority l join curriculum_hub h on h.id = l.hub_id
       where l.la_code = any($1) order by h.id`,
      [laCodes],
    ),
  ]);
  const hubsByLa = new Map<string, { id: string; name: string; kind: string }[]>();
  for (const { la_code, ...hub } of coverage) hubsByLa.set(la_code, [...(hubsByLa.get(la_code) ?? []), hub]);
  return {
    teachingSchoolHubs: hubs.map((h) => {
      const lead = h.lead_school_urn ? places.schools?.[h.lead_school_urn] : undefined;
      return {
        id: h.id,
        name: h.name,
        leadSchool: lead ? { urn: h.lead_school_urn, name: lead.name, ofstedRating: lead.ofstedRating } : null,
        ectInductionCount: h.ects,
        npqEnrolmentCount: h.npqs,
        localAuthorities: h.las.map((code) => ({ code, name: places.las?.[code] ?? null, curriculumHubs: hubsByLa.get(code) ?? [] })),
      };
    }),
  };
};

/** The floor's answer to each benchmark operation, by operation name. */
export const FLOOR_ANSWERS: Readonly<Record<string, Answer>> = {
  RegionalOverview: regionalOverview,
  ColdSpots: async (dbs, v) => ({ region: await coldSpots(dbs, 'region', v) }),
  LocalAuthorityColdSpots: async (dbs, v) => ({ localAuthority: await coldSpots(dbs, 'la', v) }),
  GrowingOurOwn: growingOurOwn,
  SchoolGoldenThread: schoolGoldenThread,
  TeacherGoldenThread: teacherGoldenThread,
  SupportAndEngagement: supportAndEngagement,
  AdHocDisadvantagedSchools: adHocDisadvantagedSchools,
  AdHocHubCoverage: adHocHubCoverage,
  Ready: async () => ({ __typename: 'Query' }),
};
