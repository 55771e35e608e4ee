import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Identity } from '@tdg/kit/auth/identity';
import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * The records the scitts tests load: SCITT 70245 (region A, North East) and 70300 (region G, East of England), their
 * partner schools, seven trainees and seven placements. TRN 1234567 trained with both SCITTs (T1 and T6); school
 * 100003 hosts a placement of each SCITT (P4 and P6).
 */
export const SCITTS = 'scitt_id,ukprn,name,lead_school_urn,region_code\n70245,10012345,Stockton-on-Tees Teacher Training Partnership,100001,A\n70300,,Cambridge SCITT,,G\n';
export const PARTNERS = 'scitt_id,urn\n70245,100003\n70245,100001\n70245,100002\n70300,100003\n';

/** trainee_id, scitt_id, trn, route, phase, subject, academic_year, status, awarded_on */
export const TRAINEES = [
  ['T1', '70245', '1234567', 'PROVIDER_LED_POSTGRAD', 'SECONDARY', '100403', '2023', 'AWARDED', '2024-07-01'],
  ['T2', '70245', '2345678', 'SCHOOL_DIRECT_SALARIED', 'PRIMARY', '', '2023', 'AWARDED', '2024-07-02'],
  ['T3', '70245', '', 'EARLY_YEARS_POSTGRAD', 'EARLY_YEARS', '', '2023', 'WITHDRAWN', ''],
  ['T4', '70245', '', 'PROVIDER_LED_POSTGRAD', 'PRIMARY', '', '2023', 'IN_TRAINING', ''],
  ['T5', '70245', '3456789', 'ASSESSMENT_ONLY', 'PRIMARY', '', '2024', 'DEFERRED', ''],
  ['T6', '70300', '1234567', 'EARLY_YEARS_SALARIED', 'EARLY_YEARS', '', '2024', 'AWARDED', '2025-06-30'],
  ['T7', '70245', '', 'PROVIDER_LED_POSTGRAD', 'PRIMARY', '', '2023', 'AWARDED', '2024-07-03'],
];

/** placement_id, trainee_id, urn, started_on, ended_on */
export const PLACEMENTS = [
  ['P1', 'T1', '100001', '2023-09-10', '2023-12-15'],
  ['P2', 'T1', '100002', '2024-01-08', ''],
  ['P3', 'T2', '100001', '2023-09-10', '2024-02-01'],
  ['P4', 'T4', '100003', '2023-10-01', ''],
  ['P5', 'T5', '100002', '2024-09-05', ''],
  ['P6', 'T6', '100003', '2024-09-05', ''],
  ['P7', 'T2', '200001', '2024-02-10', ''],
];

/**
 * urn, la_code: the public URN → LA lookup (`school-areas.csv`). LA 808 (Stockton-on-Tees) holds 100001, 100002 and
 * 100004, LA 805 (Hartlepool, also region A) 100003, LA 873 (Cambridgeshire, region G) 300001; 200001 (placement P7)
 * is in no area (not in the register).
 */
export const SCHOOL_AREAS = [
  ['100001', '808'],
  ['100002', '808'],
  ['100004', '808'],
  ['100003', '805'],
  ['300001', '873'],
];

const csv = (header: string, rows: string[][]) => `${header}\n${rows.map((r) => r.join(',')).join('\n')}\n`;

/** A folder holding the four files and the school areas, for `startTestSubgraph`. */
export function fixtureFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'scitts-fixture-'));
  writeFileSync(join(folder, 'scitts.csv'), SCITTS);
  writeFileSync(join(folder, 'scitt-partner-schools.csv'), PARTNERS);
  writeFileSync(join(folder, 'trainees.csv'), csv('trainee_id,scitt_id,trn,route,phase,subject,academic_year,status,awarded_on', TRAINEES));
  writeFileSync(join(folder, 'placements.csv'), csv('placement_id,trainee_id,urn,started_on,ended_on', PLACEMENTS));
  writeFileSync(join(folder, 'school-areas.csv'), csv('urn,la_code', SCHOOL_AREAS));
  return folder;
}

/** Callers of every kind (null is anonymous). */
export const CALLERS = {
  anonymous: null,
  staffOf70245: { subject: 'staff-70245', organisation: 'scitt:70245', roles: ['ORG_STAFF'], regionScope: null },
  staffOf70300: { subject: 'staff-70300', organisation: 'scitt:70300', roles: ['ORG_STAFF'], regionScope: null },
  hubStaff: { subject: 'staff-ee3', organisation: 'tsh:EE3', roles: ['ORG_STAFF'], regionScope: null },
  analystOfA: { subject: 'analyst-a', organisation: null, roles: ['REGIONAL_ANALYST'], regionScope: 'A' },
  analystOfG: { subject: 'analyst-g', organisation: null, roles: ['REGIONAL_ANALYST'], regionScope: 'G' },
  nationalAnalyst: { subject: 'analyst-england', organisation: null, roles: ['NATIONAL_ANALYST'], regionScope: null },
  admin: { subject: 'admin', organisation: null, roles: ['ADMIN'], regionScope: null },
} as const satisfies Record<string, Identity | null>;

export type Caller = keyof typeof CALLERS;

const TABLES = ['scitt', 'scitt_partner_school', 'trainee', 'placement', 'audit_entry'] as const;

/** Every table of the subgraph, as row count and a digest of its rows: equal before and after means nothing changed. */
export async function fingerprint(orm: MikroORM): Promise<Record<string, string>> {
  const connection = orm.em.fork().getConnection();
  const result: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await connection.execute<{ n: number; digest: string }[]>(
      `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${table} t`,
    );
    result[table] = `${row.n}:${row.digest}`;
  }
  return result;
}

/** Rows of one table. */
export async function rowCount(orm: MikroORM, table: (typeof TABLES)[number]): Promise<number> {
  const [row] = await orm.em.fork().getConnection().execute<{ n: number }[]>(`select count(*)::int as n from ${table}`);
  return row.n;
}
