import { badInput } from './errors.ts';

/**
 * The largest page of every list field that takes a slicing argument (`@listSize(slicingArguments:)` in the SDL),
 * by schema coordinate `Type.field(argument:)`. The subgraph that resolves the field refuses a larger value with
 * BAD_USER_INPUT (`pageSize` below); the gateway's cost estimate counts a list as at most this many items
 * (gateway/src/demand/). A test checks that every slicing argument of the supergraph has its cap here.
 */
export const PAGE_SIZE_CAPS: Readonly<Record<string, number>> = {
  'Query.schools(first:)': 5000,
  'ColdSpotReport.schools(first:)': 5000,
  'Query.localAuthoritiesAuditLog(first:)': 500,
  'Query.teachingSchoolHubsAuditLog(first:)': 500,
  'Query.scittsAuditLog(first:)': 500,
  'Query.curriculumHubsAuditLog(first:)': 500,
};

/** The cap of a slicing argument, e.g. `pageSizeCap('Query', 'schools', 'first')`; undefined when it has none. */
export const pageSizeCap = (type: string, field: string, argument: string): number | undefined => PAGE_SIZE_CAPS[`${type}.${field}(${argument}:)`];

/**
 * The page size asked for with a slicing argument: `value` (the argument's default when null), an integer from `min`
 * to the field's cap; anything else is refused with BAD_USER_INPUT naming the argument and the cap (and `hint`: how
 * to read more, e.g. the next page).
 */
export function pageSize(
  coordinate: `${string}.${string}(${string}:)`,
  value: number | null | undefined,
  { defaultValue, min = 0, hint }: { readonly defaultValue: number; readonly min?: number; readonly hint?: string },
): number {
  const cap = PAGE_SIZE_CAPS[coordinate];
  if (cap === undefined) throw new Error(`no page size cap for ${coordinate} (subgraphs/kit/src/page-size.ts)`);
  const argument = coordinate.slice(coordinate.indexOf('(') + 1, -2);
  const size = value ?? defaultValue;
  if (!Number.isInteger(size) || size < min || size > cap) {
    const field = coordinate.slice(0, coordinate.indexOf('('));
    throw badInput(`${argument} must be between ${min} and ${cap} (the largest page of ${field})${hint ? `; ${hint}` : ''}`, argument);
  }
  return size;
}
