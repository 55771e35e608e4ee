import { LockMode } from '@mikro-orm/postgresql';
import { recordAudit } from '@tdg/kit/audit/record';
import { assertWriterOfKind } from '@tdg/kit/auth/write-access';
import { fileOf } from '@tdg/kit/load/spec';
import { changedFields, fileCheck, ruleOf, rulesFromColumns } from '@tdg/kit/write/input-rules';
import { writeTransaction } from '@tdg/kit/write/transaction';
import { badField, badInputProblems, validateArguments, validateInput } from '@tdg/kit/write/validate-input';
import { assertCanWriteLa, laOrganisation } from '../../access.ts';
import type { MutationResolvers } from '../../generated/resolvers-types.ts';
import { FILES } from '../../load/import-spec.ts';
import { School } from '../school/school.entity.ts';
import { SupportEpisode } from './support-episode.entity.ts';

const EPISODES = fileOf(FILES, 'support-episodes.csv');

/** Input fields of a support episode and the support-episodes.csv columns whose rules and checks they share. */
const EPISODE_COLUMNS = {
  episodeId: 'episode_id',
  supportedUrn: 'supported_urn',
  supportingUrn: 'supporting_urn',
  supportType: 'support_type',
  category: 'category',
  startedOn: 'started_on',
  endedOn: 'ended_on',
} as const;

type EpisodeRecord = Record<keyof typeof EPISODE_COLUMNS, unknown>;

/** An ISO day from a `date` column (a string, or a Date at local midnight). */
const isoDay = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return String(value);
};

/** An episode as a plain record: what the audit trail stores and what a repeated recording is compared with. */
export function episodeRecord(e: SupportEpisode): EpisodeRecord {
  return {
    episodeId: e.id,
    supportedUrn: e.supportedSchool.urn,
    supportingUrn: e.supportingSchool?.urn ?? null,
    supportType: e.supportType,
    category: e.category,
    startedOn: isoDay(e.startedOn),
    endedOn: isoDay(e.endedOn),
  };
}

const SUPPORT = 'support episodes';

export const supportMutations: MutationResolvers = {
  recordSupportEpisode: async (_, { input }, ctx) => {
    assertWriterOfKind(ctx.identity, 'la', SUPPORT);
    const values = validateInput<EpisodeRecord>(input, rulesFromColumns(EPISODES, EPISODE_COLUMNS), 'input', fileCheck(EPISODES, EPISODE_COLUMNS));
    const desired = Object.fromEntries(Object.keys(EPISODE_COLUMNS).map((k) => [k, values[k as keyof EpisodeRecord] ?? null])) as EpisodeRecord;
    const id = String(desired.episodeId);
    return writeTransaction(ctx, async (tx) => {
      const supported = await tx.findOne(School, String(desired.supportedUrn));
      if (!supported) throw badField('input.supportedUrn', `unknown URN "${desired.supportedUrn}": no such school in the register`);
      const laCode = supported.localAuthority.code;
      const identity = assertCanWriteLa(ctx.identity, laCode, `support for schools of LA ${laCode}`);
      const supporting = desired.supportingUrn === null ? null : await tx.findOne(School, String(desired.supportingUrn));
      if (desired.supportingUrn !== null && !supporting) {
        throw badField('input.supportingUrn', `unknown URN "${desired.supportingUrn}": no such school in the register`);
      }
      const existing = await tx.findOne(SupportEpisode, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (existing) {
        const differs = changedFields(episodeRecord(existing), desired);
        if (differs.length > 0) {
          throw badField('input.episodeId', `support episode "${id}" is already recorded with a different ${differs.join(', ')}`);
        }
        return existing;
      }
      const episode = tx.create(SupportEpisode, {
        id,
        supportedSchool: supported,
        supportingSchool: supporting,
        supportType: desired.supportType,
        category: desired.category,
        startedOn: desired.startedOn,
        endedOn: desired.endedOn,
      } as never);
      recordAudit(tx, identity, 'GRAPHQL', {
        operation: 'recordSupportEpisode',
        entityType: 'SupportEpisode',
        entityId: id,
        organisation: laOrganisation(laCode),
        before: null,
        after: desired,
      });
      return episode;
    });
  },

  endSupportEpisode: async (_, args, ctx) => {
    assertWriterOfKind(ctx.identity, 'la', SUPPORT);
    const { id, endedOn } = validateArguments<{ id: string; endedOn: string }>(args, {
      id: ruleOf(EPISODES, 'episode_id', true),
      endedOn: ruleOf(EPISODES, 'ended_on', true),
    });
    return writeTransaction(ctx, async (tx) => {
      const episode = await tx.findOne(SupportEpisode, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!episode) throw badField('id', `unknown support episode "${id}"`);
      const supported = await tx.findOneOrFail(School, episode.supportedSchool.urn);
      const laCode = supported.localAuthority.code;
      const identity = assertCanWriteLa(ctx.identity, laCode, `support for schools of LA ${laCode}`);
      const before = episodeRecord(episode);
      const after = { ...before, endedOn };
      const problems = fileCheck(EPISODES, EPISODE_COLUMNS, '')(after);
      if (problems.length > 0) throw badInputProblems(problems);
      if (before.endedOn === endedOn) return episode;
      if (before.endedOn !== null) throw badField('endedOn', `support episode "${id}" already ended on ${before.endedOn}`);
      episode.endedOn = endedOn;
      recordAudit(tx, identity, 'GRAPHQL', {
        operation: 'endSupportEpisode',
        entityType: 'SupportEpisode',
        entityId: id,
        organisation: laOrganisation(laCode),
        before,
        after,
      });
      return episode;
    });
  },
};
