import {
  type DirectiveNode,
  type GraphQLFieldResolver,
  GraphQLError,
  type GraphQLSchema,
  defaultFieldResolver,
  isObjectType,
  valueFromASTUntyped,
} from 'graphql';
import { type Identity, hasRole } from './identity.ts';

/**
 * The `@access` directive: who may read a field (or, on a type, each of its fields without one of their own), declared
 * in the SDL beside the data and enforced here, in the subgraph that owns the data, whichever gateway calls it.
 *
 * - PUBLIC: anyone, signed in or not (the register, organisations and their public details).
 * - AUTHENTICATED: any signed-in identity (non-personal records of organisations).
 * - AGGREGATE: counts and rates. Administrators, national analysts and organisation staff everywhere; regional
 *   analysts only where the region found by the named `region` function is their region scope.
 * - PERSONAL: records about people (trainees, ECTs, NPQ participants, TRNs, outcomes). Administrators see all;
 *   organisation staff see the records the named `owner` function attributes to their organisation (a list is
 *   filtered to them; a single record of another organisation is refused); without `owner`, any organisation's staff
 *   may call the field (its lists filter further down). Analysts never.
 *
 * A refusal is a GraphQLError on that path (UNAUTHENTICATED when anonymous, FORBIDDEN otherwise): the field answers
 * null and the rest of the response still returns, so fields carrying personal records are nullable in the SDL.
 */
export const ACCESS_DIRECTIVE_SDL = `
"Who may read a field or a type's fields: see subgraphs/kit/src/auth/access.ts and gateway/README.md (access model)."
directive @access(rule: AccessRule!, owner: String, region: String) on FIELD_DEFINITION | OBJECT
`;

export type AccessRule = 'PUBLIC' | 'AUTHENTICATED' | 'AGGREGATE' | 'PERSONAL';

type Awaitable<T> = T | Promise<T>;

/** How a subgraph finds the owner of a record and the region of an aggregate, by the names its SDL uses. */
export interface AccessFunctions<Ctx> {
  // biome-ignore lint/suspicious/noExplicitAny: records of any entity
  readonly owners?: Record<string, (record: any, ctx: Ctx) => Awaitable<string | null>>;
  // biome-ignore lint/suspicious/noExplicitAny: parents of any type
  readonly regions?: Record<string, (parent: any, ctx: Ctx, args: any) => Awaitable<string | null>>;
}

interface AccessSpec {
  rule: AccessRule;
  owner?: string;
  region?: string;
}

/** UNAUTHENTICATED for an anonymous caller: "Sign in to read …" (or to `verb` it, e.g. `change` for a write). */
export const unauthenticated = (what: string, verb = 'read') =>
  new GraphQLError(`Sign in to ${verb} ${what}`, { extensions: { code: 'UNAUTHENTICATED' } });
export const forbidden = (message: string) => new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });

function readDirective(nodes: readonly DirectiveNode[] | undefined): AccessSpec | null {
  const node = nodes?.find((d) => d.name.value === 'access');
  if (!node) return null;
  const args = Object.fromEntries((node.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
  return { rule: args.rule as AccessRule, owner: args.owner as string | undefined, region: args.region as string | undefined };
}

/** Fields federation itself needs: governed by the gateway signature only. */
const FEDERATION_FIELDS = new Set(['_entities', '_service']);

/**
 * Wraps every field resolver of the schema with its access rule (in place, so federation's reference resolvers stay).
 * Fields with no rule of their own or of their type get `defaultRule`. Throws at start-up when the SDL names an owner or
 * region function the subgraph does not provide.
 */
export function enforceAccess<Ctx extends { identity: Identity | null }>(
  schema: GraphQLSchema,
  functions: AccessFunctions<Ctx>,
  defaultRule: AccessRule = 'AUTHENTICATED',
): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    // `_Service` (its `sdl`, which composition introspects) is federation's own, governed by the signature like `_service`.
    if (!isObjectType(type) || type.name.startsWith('__') || type.name === '_Service') continue;
    const typeSpec = readDirective(type.astNode?.directives) ?? readDirective(type.extensionASTNodes.flatMap((n) => n.directives ?? []));
    for (const field of Object.values(type.getFields())) {
      if (type === schema.getQueryType() && FEDERATION_FIELDS.has(field.name)) continue;
      const spec = readDirective(field.astNode?.directives) ?? typeSpec ?? { rule: defaultRule };
      if (spec.owner && !functions.owners?.[spec.owner]) throw new Error(`${type.name}.${field.name}: no owner function "${spec.owner}"`);
      if (spec.region && !functions.regions?.[spec.region]) throw new Error(`${type.name}.${field.name}: no region function "${spec.region}"`);
      if (spec.rule === 'AGGREGATE' && !spec.region) throw new Error(`${type.name}.${field.name}: AGGREGATE needs a region function`);
      if (spec.rule === 'PUBLIC') continue;
      field.resolve = guard(spec, field.resolve ?? defaultFieldResolver, `${type.name}.${field.name}`, functions);
    }
  }
  return schema;
}

function guard<Ctx extends { identity: Identity | null }>(
  spec: AccessSpec,
  resolve: GraphQLFieldResolver<unknown, Ctx>,
  coordinate: string,
  functions: AccessFunctions<Ctx>,
): GraphQLFieldResolver<unknown, Ctx> {
  return async (parent, args, ctx, info) => {
    const { identity } = ctx;
    if (!identity) throw unauthenticated(coordinate);
    if (hasRole(identity, 'ADMIN') || spec.rule === 'AUTHENTICATED') return resolve(parent, args, ctx, info);
    if (spec.rule === 'AGGREGATE') {
      if (hasRole(identity, 'NATIONAL_ANALYST') || hasRole(identity, 'ORG_STAFF')) return resolve(parent, args, ctx, info);
      if (hasRole(identity, 'REGIONAL_ANALYST')) {
        const region = await functions.regions![spec.region!](parent, ctx, args);
        if (region !== null && region === identity.regionScope) return resolve(parent, args, ctx, info);
        throw forbidden(`${coordinate} is outside your region scope`);
      }
      throw forbidden(`${coordinate} needs an analyst, staff or administrator role`);
    }
    // PERSONAL
    if (!hasRole(identity, 'ORG_STAFF') || !identity.organisation) throw forbidden(`${coordinate} holds personal records: only the owning organisation's staff may read them`);
    const value = await resolve(parent, args, ctx, info);
    if (!spec.owner || value === null || value === undefined) return value;
    const ownerOf = functions.owners![spec.owner];
    if (Array.isArray(value)) {
      const owners = await Promise.all(value.map((item) => ownerOf(item, ctx)));
      return value.filter((_, i) => owners[i] === identity.organisation);
    }
    if ((await ownerOf(value, ctx)) !== identity.organisation) throw forbidden(`${coordinate} belongs to another organisation`);
    return value;
  };
}
