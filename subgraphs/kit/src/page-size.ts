import { type DocumentNode, Kind, valueFromASTUntyped } from 'graphql';
import { badInput } from './errors.ts';

/**
 * The largest page of every list field that takes a slicing argument, by schema coordinate `Type.field(argument:)`,
 * as the subgraph's own SDL declares it: `@listSize(slicingArguments: ["first"], assumedSize: 500)` — the IBM GraphQL
 * cost specification's `assumedSize` is the list's maximum length. The gateway's cost estimate reads the same directive
 * from the supergraph (gateway/src/demand/), so the one declaration in the SDL caps both; a test checks that every
 * slicing argument has one. `serveSubgraph` registers the caps of the schema it serves (`declarePageSizeCaps`).
 */
const caps = new Map<string, number>();

/** The caps a subgraph SDL declares, by `Type.field(argument:)`. */
export function pageSizeCapsOf(typeDefs: DocumentNode): Map<string, number> {
  const found = new Map<string, number>();
  for (const def of typeDefs.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of def.fields ?? []) {
      const listSize = field.directives?.find((d) => d.name.value === 'listSize');
      if (!listSize) continue;
      const args = Object.fromEntries((listSize.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
      if (typeof args.assumedSize !== 'number' || !Array.isArray(args.slicingArguments)) continue;
      for (const argument of args.slicingArguments as string[]) found.set(`${def.name.value}.${field.name.value}(${argument}:)`, args.assumedSize);
    }
  }
  return found;
}

/** Registers the caps of a subgraph's SDL for `pageSize` (done by `serveSubgraph`). */
export function declarePageSizeCaps(typeDefs: DocumentNode): void {
  for (const [coordinate, cap] of pageSizeCapsOf(typeDefs)) caps.set(coordinate, cap);
}

/**
 * The page size asked for with a slicing argument: `value` (the argument's default when null), an integer from `min`
 * to the field's cap (its SDL's `@listSize(assumedSize:)`); anything else is refused with BAD_USER_INPUT naming the
 * argument and the cap (and `hint`: how to read more, e.g. the next page).
 */
export function pageSize(
  coordinate: `${string}.${string}(${string}:)`,
  value: number | null | undefined,
  { defaultValue, min = 0, hint }: { readonly defaultValue: number; readonly min?: number; readonly hint?: string },
): number {
  const cap = caps.get(coordinate);
  if (cap === undefined) throw new Error(`no page size cap for ${coordinate}: declare @listSize(slicingArguments: [...], assumedSize: <largest page>) on the field in its SDL`);
  const argument = coordinate.slice(coordinate.indexOf('(') + 1, -2);
  const size = value ?? defaultValue;
  if (!Number.isInteger(size) || size < min || size > cap) {
    const field = coordinate.slice(0, coordinate.indexOf('('));
    throw badInput(`${argument} must be between ${min} and ${cap} (the largest page of ${field})${hint ? `; ${hint}` : ''}`, argument);
  }
  return size;
}
