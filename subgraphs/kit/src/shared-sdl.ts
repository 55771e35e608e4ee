import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DefinitionNode, type DocumentNode, Kind, parse, visit } from 'graphql';

/** The SDL every subgraph shares (`sdl/shared.graphql` of the kit): Federation link, `@access`, audit entry type. */
export const SHARED_SDL_PATH = fileURLToPath(new URL('../sdl/shared.graphql', import.meta.url));

let shared: DocumentNode | undefined;
const sharedDocument = () => (shared ??= parse(readFileSync(SHARED_SDL_PATH, 'utf8')));

const FEDERATION_SPEC = 'specs.apollo.dev/federation/';

/** Whether a schema definition or extension links the Federation spec itself. */
const linksFederation = (d: DefinitionNode) =>
  (d.kind === Kind.SCHEMA_EXTENSION || d.kind === Kind.SCHEMA_DEFINITION) &&
  (d.directives ?? []).some(
    (dir) => dir.name.value === 'link' && dir.arguments?.some((a) => a.name.value === 'url' && a.value.kind === Kind.STRING && a.value.value.includes(FEDERATION_SPEC)),
  );

const nameOf = (d: DefinitionNode): string | undefined => ('name' in d && d.name ? `${d.kind === Kind.DIRECTIVE_DEFINITION ? '@' : ''}${d.name.value}` : undefined);

/** The type names and directive names (as `@name`) a set of definitions uses. */
function usedNames(definitions: readonly DefinitionNode[]): Set<string> {
  const used = new Set<string>();
  visit({ kind: Kind.DOCUMENT, definitions }, {
    NamedType: (node) => void used.add(node.name.value),
    Directive: (node) => void used.add(`@${node.name.value}`),
  });
  return used;
}

/**
 * A subgraph's SDL with what it shares with every other subgraph added: the Federation link unless it links
 * Federation itself, and each shared directive or type it uses (also through another shared definition) without
 * declaring it. An SDL that declares everything itself is returned as it is, so a complete, rover-ready file works too.
 */
export function withSharedDefinitions(document: DocumentNode): DocumentNode {
  const own = new Set(document.definitions.map(nameOf).filter((n): n is string => n !== undefined));
  const added: DefinitionNode[] = [];
  if (!document.definitions.some(linksFederation)) added.push(...sharedDocument().definitions.filter(linksFederation));
  const candidates = sharedDocument().definitions.filter((d) => nameOf(d) !== undefined);
  for (let grew = true; grew; ) {
    grew = false;
    const used = usedNames([...document.definitions, ...added]);
    for (const d of candidates) {
      const name = nameOf(d)!;
      if (used.has(name) && !own.has(name) && !added.includes(d)) {
        added.push(d);
        grew = true;
      }
    }
  }
  return added.length === 0 ? document : { ...document, definitions: [...added, ...document.definitions] };
}

/** SDL text with the shared definitions it uses added, parsed. */
export const parseSubgraphSdl = (sdl: string): DocumentNode => withSharedDefinitions(parse(sdl));
