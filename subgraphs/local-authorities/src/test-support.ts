import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Identity } from '@tdg/kit/auth/identity';

/** Identities the tests act as (the harness signs them as the gateway would). */
export const STAFF_808: Identity = { subject: 'staff-808', organisation: 'la:808', roles: ['ORG_STAFF'], regionScope: null };
export const STAFF_873: Identity = { subject: 'staff-873', organisation: 'la:873', roles: ['ORG_STAFF'], regionScope: null };
export const SCITT_STAFF: Identity = { subject: 'scitt-staff', organisation: 'scitt:70245', roles: ['ORG_STAFF'], regionScope: null };
export const ANALYST_A: Identity = { subject: 'analyst-a', organisation: null, roles: ['REGIONAL_ANALYST'], regionScope: 'A' };
export const ANALYST_G: Identity = { subject: 'analyst-g', organisation: null, roles: ['REGIONAL_ANALYST'], regionScope: 'G' };
export const NATIONAL: Identity = { subject: 'national', organisation: null, roles: ['NATIONAL_ANALYST'], regionScope: null };

/**
 * A small register: Stockton-on-Tees (808, region A) and Cambridgeshire (873, region G), three schools, a support
 * episode and a network with one member.
 */
export function writeTestFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(
    join(folder, 'local-authorities.csv'),
    'la_code,gss_code,name,region_code,region_name\n808,E06000004,Stockton-on-Tees,A,North East\n873,E10000003,Cambridgeshire,G,East of England\n',
  );
  writeFileSync(
    join(folder, 'schools.csv'),
    [
      'urn,name,la_code,phase,type_group,status,statutory_low_age,statutory_high_age,percentage_fsm,trust_name',
      '100001,Alpha Primary,808,PRIMARY,ACADEMY,OPEN,4,11,30.5,North Trust',
      '100002,Beta Secondary,808,SECONDARY,LA_MAINTAINED,OPEN,11,16,12,',
      '200001,Gamma Primary,873,PRIMARY,LA_MAINTAINED,OPEN,4,11,8,',
    ].join('\n'),
  );
  writeFileSync(
    join(folder, 'support-episodes.csv'),
    'episode_id,supported_urn,supporting_urn,support_type,category,started_on,ended_on\nEP-1,100002,100001,NLE,REQUIRES_IMPROVEMENT,2022-09-01,\n',
  );
  writeFileSync(join(folder, 'networks.csv'), 'network_id,la_code,name,kind\nNET-808-1,808,Stockton SENCO network,SENCO\n');
  writeFileSync(join(folder, 'network-members.csv'), 'network_id,urn\nNET-808-1,100001\n');
  return folder;
}
