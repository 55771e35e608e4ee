/**
 * Target 4, the floor: a minimal node:http endpoint that answers each benchmark operation (matched by operationName)
 * with hand-written SQL against the four subgraph databases (floor-answers.ts), and returns the same JSON as the
 * gateways. No GraphQL parsing, planning or validation: what is left is the SQL, the JSON and HTTP.
 * Run as its own process: PORT, <PREFIX>_DATABASE_URL of each subgraph, DB_POOL_SIZE (default 10, as the subgraphs).
 * GET /stats/sql answers the statements run so far.
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { type Db, type Dbs, FLOOR_ANSWERS } from './floor-answers.ts';

const port = Number(process.env.PORT);
const poolSize = Number(process.env.DB_POOL_SIZE ?? 10);
let statements = 0;

function database(variable: string): Db {
  const connectionString = process.env[variable];
  if (!connectionString) throw new Error(`${variable} is not set`);
  const pool = new pg.Pool({ connectionString, max: poolSize });
  return {
    query: async (sql, params) => {
      statements += 1;
      return (await pool.query(sql, params)).rows;
    },
  };
}

const dbs: Dbs = {
  la: database('LOCAL_AUTHORITIES_DATABASE_URL'),
  tsh: database('TEACHING_SCHOOL_HUBS_DATABASE_URL'),
  scitts: database('SCITTS_DATABASE_URL'),
  ch: database('CURRICULUM_HUBS_DATABASE_URL'),
};

const send = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats/sql') return send(res, 200, { statements });
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    try {
      const { operationName, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { operationName?: string; variables?: Record<string, unknown> };
      const answer = operationName ? FLOOR_ANSWERS[operationName] : undefined;
      if (!answer) return send(res, 400, { errors: [{ message: `the floor does not answer operation ${operationName ?? '(none)'}` }] });
      send(res, 200, { data: await answer(dbs, variables ?? {}) });
    } catch (error) {
      send(res, 500, { errors: [{ message: (error as Error).message }] });
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => console.log(`[floor] ready at http://127.0.0.1:${port}/graphql`));
const stop = () => server.close(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
