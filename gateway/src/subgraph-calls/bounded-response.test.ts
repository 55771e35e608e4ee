import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { boundedResponse, RESPONSE_TOO_LARGE } from './bounded-response.ts';

/** Answers of a real HTTP server, with and without content-length, read through the bound. */
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const size = Number(new URL(req.url!, 'http://x').searchParams.get('bytes'));
    const body = `"${'x'.repeat(size - 2)}"`;
    if (req.url!.startsWith('/chunked')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < body.length; i += 1000) res.write(body.slice(i, i + 1000));
      res.end();
    } else {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
      res.end(body);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

test.each(['/sized', '/chunked'])('%s: an answer within the bound is read whole; one past it is RESPONSE_TOO_LARGE naming the subgraph', async (path) => {
  const within = await boundedResponse(await fetch(`${base}${path}?bytes=5000`), 10_000, 'scitts');
  expect((await within.text()).length).toBe(5000);
  const error = await boundedResponse(await fetch(`${base}${path}?bytes=50000`), 10_000, 'scitts').catch((e: unknown) => e);
  expect(error).toMatchObject({ extensions: { code: RESPONSE_TOO_LARGE, serviceName: 'scitts' } });
  expect((error as Error).message).toMatch(/The scitts subgraph's answer is larger than/);
});
