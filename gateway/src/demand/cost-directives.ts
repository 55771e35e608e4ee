import { type ConstDirectiveNode, type DirectiveNode, Kind, parse, valueFromASTUntyped } from 'graphql';

/** `@listSize` of one field, as the IBM GraphQL cost specification (and Apollo Router's demand control) defines it. */
export interface ListSize {
  /** Items assumed when no slicing argument gives the size. */
  readonly assumedSize?: number;
  /** Arguments whose value is the list's size (`first`). */
  readonly slicingArguments?: readonly string[];
  /** Fields of the returned object that are the sized lists (a connection's `edges` and `nodes`). */
  readonly sizedFields?: readonly string[];
  /** Whether exactly one slicing argument must be given (the spec's default: true). */
  readonly requireOneSlicingArgument: boolean;
}

/** The demand-control annotations of a supergraph, by schema coordinate. */
export interface CostDirectives {
  /** `@cost(weight:)` of fields, by `Type.field`. */
  readonly fieldWeights: ReadonlyMap<string, number>;
  /** `@cost(weight:)` of types (objects, scalars, enums), by name. */
  readonly typeWeights: ReadonlyMap<string, number>;
  /** `@listSize` of fields, by `Type.field`. */
  readonly listSizes: ReadonlyMap<string, ListSize>;
  /** Fields sized by their parent's slicing argument (`SchoolConnection.nodes`), with the parent's coordinate. */
  readonly sizedBy: ReadonlyMap<string, string>;
}

const COST_SPEC = 'https://specs.apollo.dev/cost/v';

/**
 * The names `@cost` and `@listSize` go by in a supergraph: imported under their own name (or an `as`), or else
 * namespaced by the link (`@cost__listSize`), as the `@link` specification says.
 */
function directiveNames(directives: readonly ConstDirectiveNode[]): { cost: string; listSize: string } {
  const names = { cost: 'cost', listSize: 'listSize' };
  for (const d of directives) {
    if (d.name.value !== 'link') continue;
    const args = Object.fromEntries((d.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
    if (typeof args.url !== 'string' || !args.url.startsWith(COST_SPEC)) continue;
    const prefix = typeof args.as === 'string' ? args.as : 'cost';
    const imports = (Array.isArray(args.import) ? args.import : []) as (string | { name: string; as?: string })[];
    for (const key of ['cost', 'listSize'] as const) {
      const found = imports.find((i) => (typeof i === 'string' ? i : i.name) === `@${key}`);
      names[key] = found === undefined ? `${prefix}__${key}` : (typeof found === 'string' ? found : (found.as ?? found.name)).replace(/^@/, '');
    }
  }
  return names;
}

const argumentsOf = (d: DirectiveNode): Record<string, unknown> =>
  Object.fromEntries((d.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));

/**
 * Reads every `@cost` and `@listSize` of a composed supergraph's SDL. The subgraphs declare them (schema/*.graphql,
 * imported with Federation 2.9's `@link`), composition keeps them in the supergraph, and the gateway's API schema
 * drops them: so they are read here, once, from the supergraph's text.
 */
export function readCostDirectives(supergraphSdl: string): CostDirectives {
  const document = parse(supergraphSdl, { noLocation: true });
  const schemaDirectives = document.definitions.flatMap((d) => (d.kind === Kind.SCHEMA_DEFINITION || d.kind === Kind.SCHEMA_EXTENSION ? (d.directives ?? []) : []));
  const names = directiveNames(schemaDirectives);
  // A directive named without a link (`@cost` in a supergraph that only imported `@listSize`) is still the spec's.
  const is = (d: DirectiveNode, key: 'cost' | 'listSize') => d.name.value === names[key] || d.name.value === key;
  const fieldWeights = new Map<string, number>();
  const typeWeights = new Map<string, number>();
  const listSizes = new Map<string, ListSize>();
  const sizedBy = new Map<string, string>();
  const returnTypes = new Map<string, string>();
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    const typeName = definition.name.value;
    for (const d of definition.directives ?? []) if (is(d, 'cost')) typeWeights.set(typeName, Number(argumentsOf(d).weight));
    if (!('fields' in definition) || definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? []) {
      const coordinate = `${typeName}.${field.name.value}`;
      let type = field.type;
      while (type.kind !== Kind.NAMED_TYPE) type = type.type;
      returnTypes.set(coordinate, type.name.value);
      for (const d of field.directives ?? []) {
        const args = argumentsOf(d);
        if (is(d, 'cost')) fieldWeights.set(coordinate, Number(args.weight));
        if (is(d, 'listSize')) {
          listSizes.set(coordinate, {
            assumedSize: typeof args.assumedSize === 'number' ? args.assumedSize : undefined,
            slicingArguments: args.slicingArguments as string[] | undefined,
            sizedFields: args.sizedFields as string[] | undefined,
            requireOneSlicingArgument: args.requireOneSlicingArgument !== false,
          });
        }
      }
    }
  }
  for (const [coordinate, size] of listSizes) {
    for (const sized of size.sizedFields ?? []) sizedBy.set(`${returnTypes.get(coordinate)}.${sized}`, coordinate);
  }
  return { fieldWeights, typeWeights, listSizes, sizedBy };
}

let last: { sdl: string; directives: CostDirectives } | undefined;

/** `readCostDirectives` of the supergraph being served, read again only when its text changes. */
export function costDirectivesOf(supergraphSdl: string): CostDirectives {
  if (last?.sdl !== supergraphSdl) last = { sdl: supergraphSdl, directives: readCostDirectives(supergraphSdl) };
  return last.directives;
}
