import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { recordAudit } from '@tdg/kit/audit/record';
import type { Identity } from '@tdg/kit/auth/identity';
import { assertWriterOfKind } from '@tdg/kit/auth/write-access';
import { fileOf } from '@tdg/kit/load/spec';
import { changedFields, ruleOf, rulesFromColumns } from '@tdg/kit/write/input-rules';
import { writeTransaction } from '@tdg/kit/write/transaction';
import { badField, validateArguments, validateInput } from '@tdg/kit/write/validate-input';
import { assertCanWriteLa, laOrganisation } from '../../access.ts';
import type { MutationResolvers } from '../../generated/resolvers-types.ts';
import { FILES } from '../../load/import-spec.ts';
import { LocalAuthority } from '../local-authority/local-authority.entity.ts';
import { School } from '../school/school.entity.ts';
import { Network, NetworkMember } from './network.entity.ts';

/** Input fields of a network and the networks.csv columns whose rules they share. */
const NETWORK_COLUMNS = { networkId: 'network_id', laCode: 'la_code', name: 'name', kind: 'kind' } as const;

type NetworkRecord = Record<keyof typeof NETWORK_COLUMNS, unknown>;

/** A network as a plain record: what the audit trail stores and what a repeated creation is compared with. */
export const networkRecord = (n: Network): NetworkRecord => ({ networkId: n.id, laCode: n.localAuthority.code, name: n.name, kind: n.kind });

const NETWORKS = 'networks';
const NETWORKS_FILE = fileOf(FILES, 'networks.csv');
const MEMBERS = fileOf(FILES, 'network-members.csv');

/** Validated arguments of a membership change. */
const memberArguments = (args: Record<string, unknown>) =>
  validateArguments<{ networkId: string; urn: string }>(args, {
    networkId: ruleOf(MEMBERS, 'network_id', true),
    urn: ruleOf(MEMBERS, 'urn', true),
  });

/**
 * The network whose membership changes, locked for this transaction (which serialises changes to its membership);
 * BAD_USER_INPUT on `networkId` when unknown, FORBIDDEN unless the caller writes for its LA.
 */
async function networkToChange(tx: EntityManager, caller: Identity | null, networkId: string) {
  const network = await tx.findOne(Network, networkId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!network) throw badField('networkId', `unknown network "${networkId}"`);
  const laCode = network.localAuthority.code;
  return { network, laCode, identity: assertCanWriteLa(caller, laCode, `network ${networkId}`) };
}

export const networkMutations: MutationResolvers = {
  createNetwork: async (_, { input }, ctx) => {
    assertWriterOfKind(ctx.identity, 'la', NETWORKS);
    const desired = validateInput<NetworkRecord>(input, rulesFromColumns(NETWORKS_FILE, NETWORK_COLUMNS), 'input');
    const laCode = String(desired.laCode);
    const id = String(desired.networkId);
    const identity = assertCanWriteLa(ctx.identity, laCode, `the networks of LA ${laCode}`);
    return writeTransaction(ctx, async (tx) => {
      const la = await tx.findOne(LocalAuthority, laCode);
      if (!la) throw badField('input.laCode', `unknown LA code "${laCode}": no such local authority`);
      const existing = await tx.findOne(Network, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (existing) {
        const differs = changedFields(networkRecord(existing), desired);
        if (differs.length > 0) throw badField('input.networkId', `network "${id}" already exists with a different ${differs.join(', ')}`);
        return existing;
      }
      const network = tx.create(Network, { id, localAuthority: la, name: desired.name, kind: desired.kind } as never);
      recordAudit(tx, identity, 'GRAPHQL', {
        operation: 'createNetwork',
        entityType: 'Network',
        entityId: id,
        organisation: laOrganisation(laCode),
        before: null,
        after: networkRecord(network),
      });
      return network;
    });
  },

  addNetworkMember: async (_, args, ctx) => {
    assertWriterOfKind(ctx.identity, 'la', NETWORKS);
    const { networkId, urn } = memberArguments(args);
    return writeTransaction(ctx, async (tx) => {
      const { network, laCode, identity } = await networkToChange(tx, ctx.identity, networkId);
      const school = await tx.findOne(School, urn);
      if (!school) throw badField('urn', `unknown URN "${urn}": no such school in the register`);
      if (await tx.findOne(NetworkMember, { network: networkId, school: urn })) return network;
      tx.create(NetworkMember, { network, school } as never);
      recordAudit(tx, identity, 'GRAPHQL', {
        operation: 'addNetworkMember',
        entityType: 'NetworkMember',
        entityId: `${networkId}:${urn}`,
        organisation: laOrganisation(laCode),
        before: null,
        after: { networkId, urn },
      });
      return network;
    });
  },

  removeNetworkMember: async (_, args, ctx) => {
    assertWriterOfKind(ctx.identity, 'la', NETWORKS);
    const { networkId, urn } = memberArguments(args);
    return writeTransaction(ctx, async (tx) => {
      const { network, laCode, identity } = await networkToChange(tx, ctx.identity, networkId);
      const member = await tx.findOne(NetworkMember, { network: networkId, school: urn });
      if (!member) return network;
      tx.remove(member);
      recordAudit(tx, identity, 'GRAPHQL', {
        operation: 'removeNetworkMember',
        entityType: 'NetworkMember',
        entityId: `${networkId}:${urn}`,
        organisation: laOrganisation(laCode),
        before: { networkId, urn },
        after: null,
      });
      return network;
    });
  },
};
