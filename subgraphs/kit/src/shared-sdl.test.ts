import { readFileSync } from 'node:fs';
import { type DocumentNode, Kind, parse, print } from 'graphql';
import { SHARED_SDL_PATH, parseSubgraphSdl, withSharedDefinitions } from './shared-sdl.ts';

const names = (doc: DocumentNode) => doc.definitions.map((d) => ('name' in d && d.name ? d.name.value : d.kind));

test('a subgraph SDL gets the Federation link and the shared definitions it uses, nothing it does not use', () => {
  const doc = parseSubgraphSdl(`
    "A school." type School @key(fields: "urn") { "URN." urn: ID! @access(rule: PUBLIC) }
    "Root." type Query { "Count." n: Int! }
  `);
  expect(doc.definitions[0].kind).toBe(Kind.SCHEMA_EXTENSION);
  expect(print(doc.definitions[0])).toContain('https://specs.apollo.dev/federation/v2.9');
  expect(names(doc)).toEqual(expect.arrayContaining(['access', 'AccessRule', 'School', 'Query']));
  expect(names(doc)).not.toContain('AuditEntry');
});

test('the audit entry type and its enum come along when the SDL uses AuditEntry', () => {
  const doc = parseSubgraphSdl('"Root." type Query { "Log." log: [AuditEntry!] }');
  expect(names(doc)).toEqual(expect.arrayContaining(['AuditEntry', 'AuditSource']));
  expect(names(doc)).not.toContain('access');
});

test('an SDL that declares the link and definitions itself is left as it is (a complete, rover-ready file)', () => {
  const complete = parse(`${readFileSync(SHARED_SDL_PATH, 'utf8')}\n"Root." type Query { "Log." log: [AuditEntry!] @access(rule: PUBLIC) }`);
  expect(withSharedDefinitions(complete)).toBe(complete);
});
