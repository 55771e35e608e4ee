import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import { type ComplexityEstimatorArgs, getComplexity } from 'graphql-query-complexity';
import type { CostDirectives, ListSize } from './cost-directives.ts';

/** Items counted for a list field with no `@listSize` (a test keeps every list field of the supergraph declared). */
export const UNDECLARED_LIST_SIZE = 100;

/** How one list field of an operation multiplies its cost. */
export interface ListFactor {
  /** Schema coordinate, e.g. `Region.localAuthorities`. */
  readonly coordinate: string;
  /** Items counted per occurrence (the largest occurrence's). */
  readonly size: number;
  /** Where the size came from. */
  readonly source: 'argument' | 'default' | 'cap' | 'assumed' | 'undeclared';
  /** The slicing argument (`first`), when the field has one, and its cap. */
  readonly slicingArgument?: string;
  readonly cap?: number;
  /** How many times the field occurs in the operation. */
  readonly occurrences: number;
  /** Product of its sizes over every occurrence: how much it multiplies the operation's cost, at most. */
  readonly multiplier: number;
}

export interface CostEstimate {
  /** Static cost (IBM GraphQL cost specification): objects 1, leaves 0, mutations 10, `@cost` weights, × list sizes. */
  readonly cost: number;
  /** The list fields of the operation, the one that multiplies the cost most first. */
  readonly lists: readonly ListFactor[];
}

export interface EstimateOptions {
  readonly directives: CostDirectives;
  readonly variables?: Readonly<Record<string, unknown>> | null;
  readonly operationName?: string | null;
}

/**
 * The static cost of an operation as the IBM GraphQL cost specification defines it (the one Apollo Router's demand
 * control implements): every field costs its `@cost(weight:)`, else its type's, else 1 for an object (10 for a
 * mutation field) and 0 for a leaf; a list field multiplies its cost and its selection's by its size. The size is the
 * slicing argument's value (a literal or a variable's value, capped at the field's `@listSize(assumedSize:)`: the
 * specification's maximum length of the list, which the subgraph also refuses to exceed — subgraphs/kit/src/page-size.ts),
 * else the argument's default, else the field's `assumedSize`; `sizedFields` (a connection's `edges`, `nodes`) take the size
 * of the field that declares them. Fragments, `@skip`/`@include` and abstract types are walked by
 * graphql-query-complexity; this module is its estimator.
 */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, options: EstimateOptions): CostEstimate {
  const { directives } = options;
  const mutationType = schema.getMutationType();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  // Cost of each occurrence of a sized field (a connection's `nodes`), counted once by itself, then again by its parent.
  const sizedCosts = new Map<FieldNode, number>();
  const lists = new Map<string, { size: number; source: ListFactor['source']; slicingArgument?: string; cap?: number; occurrences: number; log: number }>();

  const directChildren = (selectionSet: SelectionSetNode | undefined, names: readonly string[], seen = new Set<string>()): FieldNode[] =>
    (selectionSet?.selections ?? []).flatMap((s) => {
      if (s.kind === Kind.FIELD) return names.includes(s.name.value) ? [s] : [];
      if (s.kind === Kind.INLINE_FRAGMENT) return directChildren(s.selectionSet, names, seen);
      const fragment = fragments.get(s.name.value);
      if (!fragment || seen.has(s.name.value)) return [];
      return directChildren(fragment.selectionSet, names, new Set(seen).add(s.name.value));
    });

  const estimator = ({ type, field, node, args, childComplexity }: ComplexityEstimatorArgs): number => {
    if (type.name.startsWith('__') || field.name.startsWith('__')) return 0;
    const coordinate = `${type.name}.${field.name}`;
    const named = getNamedType(field.type);
    const weight =
      directives.fieldWeights.get(coordinate) ?? directives.typeWeights.get(named.name) ?? (type === mutationType ? 10 : isCompositeType(named) ? 1 : 0);
    const own = weight + childComplexity;
    if (directives.sizedBy.has(coordinate)) {
      // Counted once here; the field that declares it as sized multiplies it by its page.
      sizedCosts.set(node, own);
      return own;
    }
    const listSize = directives.listSizes.get(coordinate);
    const isList = isListType(getNullableType(field.type));
    if (!isList && !listSize?.sizedFields?.length) return own;
    const size = sizeOf(coordinate, field.args, node, args, listSize);
    const known = lists.get(coordinate);
    lists.set(coordinate, {
      ...size,
      size: Math.max(size.size, known?.size ?? 0),
      occurrences: (known?.occurrences ?? 0) + 1,
      log: (known?.log ?? 0) + Math.log(Math.max(size.size, 1)),
    });
    if (listSize?.sizedFields?.length && !isList) {
      const sized = directChildren(node.selectionSet, listSize.sizedFields).reduce((sum, child) => sum + (sizedCosts.get(child) ?? 0), 0);
      return own + (size.size - 1) * sized;
    }
    return size.size * own;
  };

  const sizeOf = (
    coordinate: string,
    fieldArgs: ComplexityEstimatorArgs['field']['args'],
    node: FieldNode,
    args: Record<string, unknown>,
    listSize: ListSize | undefined,
  ): { size: number; source: ListFactor['source']; slicingArgument?: string; cap?: number } => {
    if (!listSize) return { size: UNDECLARED_LIST_SIZE, source: 'undeclared' };
    const slicing = listSize.slicingArguments ?? [];
    const given = slicing.filter((name) => node.arguments?.some((a) => a.name.value === name) && typeof args[name] === 'number');
    if (listSize.requireOneSlicingArgument && slicing.length > 0 && given.length !== 1) {
      throw new GraphQLError(`${coordinate} needs exactly one of ${slicing.map((s) => `\`${s}\``).join(', ')}: the size of the page to read`, {
        extensions: { code: 'BAD_USER_INPUT', argument: slicing[0] },
      });
    }
    let best: { size: number; source: ListFactor['source']; slicingArgument?: string; cap?: number } | undefined;
    for (const name of slicing) {
      const value = typeof args[name] === 'number' ? (args[name] as number) : (fieldArgs.find((a) => a.name === name)?.defaultValue as number | undefined);
      if (typeof value !== 'number') continue;
      const cap = listSize.assumedSize;
      const capped = cap !== undefined && value > cap;
      const size = Math.max(0, capped ? cap : value);
      const source = capped ? 'cap' : given.includes(name) ? 'argument' : 'default';
      if (!best || size > best.size) best = { size, source, slicingArgument: name, cap };
    }
    return best ?? { size: listSize.assumedSize ?? UNDECLARED_LIST_SIZE, source: listSize.assumedSize === undefined ? 'undeclared' : 'assumed' };
  };

  const cost = getComplexity({
    schema,
    query: document,
    variables: (options.variables ?? {}) as Record<string, unknown>,
    operationName: options.operationName ?? undefined,
    estimators: [estimator],
    // The token limit already bounds the document; fragments spread many times are what this bound is for.
    maxQueryNodes: 100_000,
  });
  const ordered = [...lists.entries()]
    .map(([coordinate, l]) => ({
      coordinate,
      size: l.size,
      source: l.source,
      ...(l.slicingArgument ? { slicingArgument: l.slicingArgument, cap: l.cap } : {}),
      occurrences: l.occurrences,
      multiplier: Math.round(Math.exp(l.log)),
    }))
    .sort((a, b) => b.multiplier - a.multiplier);
  return { cost, lists: ordered };
}
