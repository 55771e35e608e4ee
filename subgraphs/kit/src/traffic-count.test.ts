import Fastify from 'fastify';
import { countGraphqlTraffic } from './traffic-count.ts';

test('the bytes of /graphql request and response bodies are counted; other routes are not', async () => {
  const app = Fastify();
  const traffic = countGraphqlTraffic(app);
  app.post('/graphql', async () => ({ data: { ok: 'é' } }));
  app.get('/health', async () => ({ status: 'ok' }));
  const body = JSON.stringify({ query: '{ ok }', variables: { representations: [{ __typename: 'School', urn: '100001' }] } });
  const response = await app.inject({ method: 'POST', url: '/graphql', payload: body, headers: { 'content-type': 'application/json' } });
  await app.inject({ method: 'GET', url: '/health' });
  expect(traffic).toEqual({ requestBytes: Buffer.byteLength(body), responseBytes: Buffer.byteLength(response.body) });
  expect(traffic.responseBytes).toBe(Buffer.byteLength('{"data":{"ok":"é"}}'));
  await app.close();
});
