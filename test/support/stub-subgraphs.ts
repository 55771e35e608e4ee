import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Identity } from '@tdg/kit/auth/identity';
import { SignatureVerifier } from '@tdg/kit/auth/signing';
import { readSubgraphList } from '../../scripts/src/subgraph-list.ts';
import { TEST_SIGNING_SECRET } from './subgraph-harness.ts';

/** The internal message the stub's `curriculumHubs` fails with. */
export const LEAK = 'relation "curriculum_hub" does not exist: select * from curriculum_hub where kind = $1';

export interface StubSubgraphs {
  /** `<PREFIX>_URL` for each subgraph, to configure a gateway with. */
  readonly env: Record<string, string>;
  /** What each call carried, as a subgraph verified it (identity null: anonymous). */
  readonly calls: { subgraph: string; identity: Identity | null; query: string }[];
  close(): Promise<void>;
}

/**
 * Stand-ins for the subgraphs of schema/supergraph.yaml, for gateway tests that need no data: each checks the gateway's signature as a real
 * subgraph does (401 otherwise), records the forwarded identity, and answers `{ __typename }` with "Query" and any other
 * operation with empty data (so the gateway's answer has nulls where nullable fields are) — except `curriculumHubs`,
 * answered with an internal error that leaks SQL (LEAK), to check what production shows.
 */
export async function startStubSubgraphs(): Promise<StubSubgraphs> {
  const calls: StubSubgraphs['calls'] = [];
  const servers: Server[] = [];
  const env: Record<string, string> = {};
  for (const s of readSubgraphList()) {
    const verifier = new SignatureVerifier(TEST_SIGNING_SECRET);
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const verified = verifier.verify(req.headers, body);
        res.setHeader('content-type', 'application/json');
        if (!verified.ok) {
          res.statusCode = 401;
          res.end(JSON.stringify({ errors: [{ message: verified.reason, extensions: { code: 'UNAUTHENTICATED' } }] }));
          return;
        }
        const { query } = JSON.parse(body) as { query: string };
        calls.push({ subgraph: s.name, identity: verified.identity, query });
        if (query.includes('curriculumHubs')) {
          // A subgraph that leaks what production must never show: an internal message, SQL and a stack trace.
          res.end(JSON.stringify({ data: null, errors: [{ message: LEAK, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: at Pool.query (pg.js:1)'] } }] }));
          return;
        }
        res.end(JSON.stringify({ data: query.trim() === '{ __typename }' ? { __typename: 'Query' } : {} }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    env[`${s.envPrefix}_URL`] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }
  return {
    env,
    calls,
    close: async () => {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}
