import {
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';

/** A seeded generator (mulberry32): the same seed gives the same queries on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values for the arguments the graph's fields take, by name (ids of the small demo dataset). */
const ARGUMENTS: Record<string, (random: () => number) => string> = {
  code: (r) => (r() < 0.5 ? '"A"' : '"808"'),
  regionCode: (r) => ['"A"', '"E"', '"J"'][Math.floor(r() * 3)],
  laCode: () => '"808"',
  urn: () => '"100001"',
  id: () => '"70245"',
  scittId: () => '"70245"',
  trn: () => '"1000001"',
  academicYear: (r) => String(2021 + Math.floor(r() * 4)),
  cohort: (r) => String(2021 + Math.floor(r() * 4)),
  fromYear: () => '2021',
  toYear: () => '2024',
  first: (r) => String(1 + Math.floor(r() * 60)),
};

export interface FuzzOptions {
  readonly maxDepth: number;
  readonly maxAliases: number;
  /** Fields per selection, at most. */
  readonly width: number;
}

/**
 * A random query over the API schema: random fields at each level (a leaf always among them), nested to a random
 * depth, lists included, some fields asked twice under aliases with other arguments. Only fields whose required
 * arguments it can fill are chosen; mutations never.
 */
export function randomQuery(schema: GraphQLSchema, random: () => number, options: FuzzOptions): string {
  let aliases = 0;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const argumentsOf = (field: GraphQLField<unknown, unknown>): string | null => {
    const parts: string[] = [];
    for (const arg of field.args) {
      const value = ARGUMENTS[arg.name];
      const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
      if (!value) {
        if (required) return null;
        continue;
      }
      const named = getNamedType(arg.type);
      if (!isScalarType(named) && !isEnumType(named)) continue;
      if (required || random() < 0.5) parts.push(`${arg.name}: ${value(random)}`);
    }
    return parts.length ? `(${parts.join(', ')})` : '';
  };
  const selection = (type: GraphQLObjectType, depth: number): string => {
    const fields = Object.values(type.getFields()).filter((f) => !f.name.startsWith('_'));
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)) && argumentsOf(f) !== null);
    const objects = depth < options.maxDepth ? fields.filter((f) => isObjectType(getNamedType(f.type))) : [];
    const chosen: string[] = [];
    if (leaves.length) chosen.push(pick(leaves).name);
    const count = 1 + Math.floor(random() * options.width);
    for (let i = 0; i < count && objects.length; i += 1) {
      const field = pick(objects);
      const args = argumentsOf(field);
      if (args === null) continue;
      const inner = selection(getNamedType(field.type) as GraphQLObjectType, depth + 1);
      const alias = chosen.some((c) => c === field.name || c.startsWith(`${field.name}(`) || c.startsWith(`${field.name} `));
      if (alias && aliases >= options.maxAliases) continue;
      if (alias) aliases += 1;
      chosen.push(`${alias ? `a${aliases}: ` : ''}${field.name}${args} { ${inner} }`);
    }
    if (chosen.length === 0) chosen.push('__typename');
    return chosen.join(' ');
  };
  return `{ ${selection(schema.getQueryType()!, 1)} }`;
}
