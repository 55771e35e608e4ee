import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Identity } from '@tdg/kit/auth/identity';
import { query } from '@tdg/kit/sql';
import type { TestSubgraph } from '../../../../test/support/subgraph-harness.ts';

/**
 * A small load for the access and mutation tests: hubs in two regions (EE3, EE2 in East of England `G`; NE1 in the
 * North East `A`), a teacher (1000003) with inductions at two hubs, a school (100001) with records of two hubs, and
 * the school areas: 100001 and 100002 in Cambridgeshire (873, region G), 100005 in Stockton-on-Tees (808, region A).
 */
export const FIXTURE: Record<string, string> = {
  'teaching-school-hubs.csv':
    'hub_id,name,lead_school_urn,region_code,la_codes\n' +
    'EE3,Cambridgeshire and Peterborough Teaching School Hub,110001,G,873;874\n' +
    'EE2,Unity Teaching School Hub,,G,881\n' +
    'NE1,North East Hub,,A,808\n',
  'ect-inductions.csv':
    'induction_id,trn,school_urn,hub_id,academic_year,training_programme,status,started_on,finished_on,mentor_trn\n' +
    'I1,1000001,100001,EE3,2024,PROVIDER_LED,IN_PROGRESS,2024-09-02,,2000001\n' +
    'I2,1000003,100001,EE2,2023,SCHOOL_LED,EXTENDED,2023-09-04,,2000001\n' +
    'I3,1000003,100002,EE3,2024,PROVIDER_LED,IN_PROGRESS,2024-09-02,,\n' +
    'I4,1000005,100005,NE1,2024,PROVIDER_LED,IN_PROGRESS,2024-09-02,,\n',
  'npq-enrolments.csv':
    'enrolment_id,trn,school_urn,hub_id,course,cohort,status\n' +
    'N1,2000001,100001,EE3,NPQLT,2024,ACTIVE\n' +
    'N2,2000001,100001,EE2,NPQSL,2025,ACTIVE\n' +
    'N3,3000001,100005,NE1,NPQH,2024,PASSED\n',
  'hub-partnerships.csv': 'hub_id,partner_kind,partner_id\nEE3,SCITT,70245\n',
  'school-areas.csv': 'urn,la_code\n100001,873\n100002,873\n100005,808\n',
};

/** The fixture written to a fresh folder, for `startTestSubgraph`. */
export function fixtureFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'tsh-fixture-'));
  for (const [name, text] of Object.entries(FIXTURE)) writeFileSync(join(folder, name), text);
  return folder;
}

const staff = (organisation: string): Identity => ({ subject: `staff-of-${organisation}`, organisation, roles: ['ORG_STAFF'], regionScope: null });

/** One identity per kind of caller the access policy tells apart. */
export const WHO = {
  anonymous: null,
  ee3Staff: staff('tsh:EE3'),
  ee2Staff: staff('tsh:EE2'),
  scittStaff: staff('scitt:70245'),
  analystG: { subject: 'analyst-g', organisation: null, roles: ['REGIONAL_ANALYST'], regionScope: 'G' },
  analystA: { subject: 'analyst-a', organisation: null, roles: ['REGIONAL_ANALYST'], regionScope: 'A' },
  national: { subject: 'analyst-national', organisation: null, roles: ['NATIONAL_ANALYST'], regionScope: null },
  admin: { subject: 'test-admin', organisation: null, roles: ['ADMIN'], regionScope: null },
} satisfies Record<string, Identity | null>;

/** Every table of the subgraph, audit trail included. */
export const TABLES = ['teaching_school_hub', 'hub_local_authority', 'ect_induction', 'npq_enrolment', 'hub_partnership', 'audit_entry'] as const;

/** Every row of every table (in a stable order), to show that a refused write changed nothing. */
export async function databaseState(sg: TestSubgraph): Promise<Record<string, unknown[]>> {
  const em = sg.orm.em.fork();
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = await query(em, `select * from ${t} order by 1, 2`);
  return out;
}

/** Row counts of every table. */
export async function rowCounts(sg: TestSubgraph): Promise<Record<string, number>> {
  const state = await databaseState(sg);
  return Object.fromEntries(Object.entries(state).map(([t, rows]) => [t, rows.length]));
}
