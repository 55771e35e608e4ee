import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import type { Identity } from '@tdg/kit/auth/identity';
import { SIGNATURE_HEADERS, SignatureVerifier } from '@tdg/kit/auth/signing';
import { SignedDataSource } from './signed-data-source.ts';

/**
 * The data source against a real HTTP server that checks each request's signature, counts the requests and answers
 * after a delay (so that requests sent together are in flight together).
 */
const SECRET = 'signed-data-source-test-secret-0123456789abcdef';
let server: Server;
let url: string;
const received: { identity: string; body: string; headers: IncomingMessage['headers'] }[] = [];
const verifier = new SignatureVerifier(SECRET);

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const verified = verifier.verify(req.headers, body);
    const n = received.push({ identity: String(req.headers[SIGNATURE_HEADERS.identity]), body, headers: req.headers });
    await new Promise((r) => setTimeout(r, 150));
    res.writeHead(verified.ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify(verified.ok ? { data: { n, who: verified.identity?.subject ?? null } } : { errors: [{ message: verified.reason }] }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((r) => server.close(r)));
beforeEach(() => {
  received.length = 0;
});

const analyst = (subject: string): Identity => ({ subject, organisation: null, roles: ['NATIONAL_ANALYST'], regionScope: null });
const staff = (subject: string, organisation: string): Identity => ({ subject, organisation, roles: ['ORG_STAFF'], regionScope: null });

/** One subgraph call as the gateway's executor makes it for an incoming operation of the given kind. */
function call(source: SignedDataSource, identity: Identity | null, operation: 'query' | 'mutation' = 'query', query = '{ n }', variables: Record<string, unknown> = {}) {
  return source.process({
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query, variables },
    context: { identity },
    incomingRequestContext: { operation: { operation } } as never,
    pathInIncomingRequest: [],
  } as never);
}

test('identical reads in flight for callers of one access scope share one signed call, and each gets the answer', async () => {
  const source = new SignedDataSource('test', url, SECRET);
  const answers = await Promise.all([call(source, analyst('a')), call(source, analyst('b')), call(source, analyst('c'))]);
  expect(received).toHaveLength(1);
  expect(answers.map((a) => a.data)).toEqual([
    { n: 1, who: 'a' },
    { n: 1, who: 'a' },
    { n: 1, who: 'a' },
  ]);
  expect(source.sharedReads).toBe(2);
  // Nothing is kept: the same read once the call has answered asks again.
  await call(source, analyst('d'));
  expect(received).toHaveLength(2);
});

test('reads of different access scopes, different variables, or with sharing off are each sent', async () => {
  const source = new SignedDataSource('test', url, SECRET);
  await Promise.all([
    call(source, staff('a', 'scitt:1'), 'query'),
    call(source, staff('b', 'scitt:2'), 'query'),
    call(source, null, 'query'),
    call(source, analyst('c'), 'query', '{ n }', { year: 2023 }),
    call(source, analyst('d'), 'query', '{ n }', { year: 2024 }),
  ]);
  expect(received).toHaveLength(5);
  received.length = 0;
  const unshared = new SignedDataSource('test', url, SECRET, { shareInFlightReads: false });
  await Promise.all([call(unshared, analyst('a')), call(unshared, analyst('b'))]);
  expect(received).toHaveLength(2);
  // The marker that carries the scope to the fetcher never reaches the subgraph.
  expect(received.every((r) => !('x-tdg-read-scope' in r.headers))).toBe(true);
});

test('writes are never shared, and a read that starts after a write does not join a call begun before it', async () => {
  const source = new SignedDataSource('test', url, SECRET);
  const before = call(source, analyst('a'));
  await new Promise((r) => setTimeout(r, 20));
  await Promise.all([call(source, analyst('w'), 'mutation', 'mutation { n }'), call(source, analyst('w'), 'mutation', 'mutation { n }')]);
  const after = await call(source, analyst('b'));
  await before;
  expect(received).toHaveLength(4);
  expect(after.data).toEqual({ n: 4, who: 'b' });
});
