import { defineEntity, p } from '@mikro-orm/core';
import { LocalAuthority } from '../local-authority/local-authority.entity.ts';
import { School } from '../school/school.entity.ts';

export const NETWORK_KINDS = ['PRIMARY_LEARNING_NETWORK', 'SUBJECT_LEADER', 'SENCO', 'CPD_LEADERS', 'SUPPORT_STAFF', 'EDUCATION_ACTION_ZONE'] as const;

/** A learning network run by an LA. */
export const NetworkSchema = defineEntity({
  name: 'Network',
  tableName: 'network',
  properties: {
    id: p.string().primary(),
    localAuthority: () => p.manyToOne(LocalAuthority).fieldName('la_code').index(),
    name: p.string(),
    kind: p.enum([...NETWORK_KINDS]),
  },
});
export class Network extends NetworkSchema.class {}
NetworkSchema.setClass(Network);

/** A school's membership of a network (keyed by both). */
export const NetworkMemberSchema = defineEntity({
  name: 'NetworkMember',
  tableName: 'network_member',
  properties: {
    network: () => p.manyToOne(Network).fieldName('network_id').primary(),
    school: () => p.manyToOne(School).fieldName('urn').primary().index(),
  },
});
export class NetworkMember extends NetworkMemberSchema.class {}
NetworkMemberSchema.setClass(NetworkMember);
