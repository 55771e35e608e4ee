import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { QueryOrder } from '@mikro-orm/postgresql';
import { badInput } from '@tdg/kit/errors';
import { pageSize } from '@tdg/kit/page-size';
import type { SchoolFilter, SchoolOrder } from '../../generated/resolvers-types.ts';
import { School } from './school.entity.ts';

/** A school with its cursor. */
export interface SchoolEdgeModel {
  readonly cursor: string;
  readonly node: School;
}

/** A page of schools; `totalCount` is counted only when asked for. */
export interface SchoolPage {
  readonly edges: SchoolEdgeModel[];
  readonly hasNextPage: boolean;
  readonly totalCount: () => Promise<number>;
}

type Cursor = { urn: string; fsm?: number | null };

const encode = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

function decode(cursor: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
    if (typeof c.urn !== 'string') throw new Error('no urn');
    return c;
  } catch {
    throw badInput('after is not a cursor returned by this field', 'after');
  }
}

/** The filter of `schools(filter)` as a MikroORM condition. */
export function schoolWhere(filter: SchoolFilter | null | undefined): FilterQuery<School> {
  const and: FilterQuery<School>[] = [];
  if (filter?.laCode) and.push({ localAuthority: filter.laCode });
  if (filter?.regionCode) and.push({ localAuthority: { region: filter.regionCode } });
  if (filter?.phase?.length) and.push({ phase: { $in: filter.phase } });
  if (filter?.status?.length) and.push({ status: { $in: filter.status } });
  if (filter?.typeGroup?.length) and.push({ typeGroup: { $in: filter.typeGroup } });
  if (filter?.stateFunded === true) and.push({ typeGroup: { $ne: 'INDEPENDENT' } });
  if (filter?.stateFunded === false) and.push({ typeGroup: 'INDEPENDENT' });
  return and.length ? { $and: and } : {};
}

/** Keyset pagination over the register: stable under inserts, one statement per page plus one for the count. */
export async function schoolPage(
  em: EntityManager,
  args: { filter?: SchoolFilter | null; orderBy?: SchoolOrder | null; first?: number | null; after?: string | null },
): Promise<SchoolPage> {
  const first = pageSize('Query.schools(first:)', args.first, { defaultValue: 100, hint: 'ask for the next page with after: pageInfo.endCursor' });
  const where = schoolWhere(args.filter);
  const byFsm = args.orderBy === 'FSM_DESC';
  const conditions: FilterQuery<School>[] = [where];
  if (args.after) {
    const c = decode(args.after);
    if (!byFsm) conditions.push({ urn: { $gt: c.urn } });
    else if (c.fsm === null || c.fsm === undefined) conditions.push({ percentageFsm: null, urn: { $gt: c.urn } });
    else
      conditions.push({
        $or: [{ percentageFsm: { $lt: c.fsm } }, { percentageFsm: c.fsm, urn: { $gt: c.urn } }, { percentageFsm: null }],
      });
  }
  const rows = await em.find(School, { $and: conditions } as FilterQuery<School>, {
    orderBy: byFsm ? [{ percentageFsm: QueryOrder.DESC_NULLS_LAST }, { urn: QueryOrder.ASC }] : [{ urn: QueryOrder.ASC }],
    limit: first + 1,
  });
  const page = rows.slice(0, first);
  return {
    edges: page.map((node) => ({ node, cursor: encode(byFsm ? { urn: node.urn, fsm: node.percentageFsm === null || node.percentageFsm === undefined ? null : Number(node.percentageFsm) } : { urn: node.urn }) })),
    hasNextPage: rows.length > first,
    totalCount: () => em.count(School, where),
  };
}
