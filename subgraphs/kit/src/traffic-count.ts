import type { FastifyInstance } from 'fastify';

/** Bytes of GraphQL requests received and responses sent so far (for the benchmark's `GET /stats/sql`). */
export interface GraphqlTraffic {
  requestBytes: number;
  responseBytes: number;
}

/** Counts the bytes of every `/graphql` request body (as received) and response body (as sent) of a subgraph. */
export function countGraphqlTraffic(app: FastifyInstance): GraphqlTraffic {
  const traffic: GraphqlTraffic = { requestBytes: 0, responseBytes: 0 };
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.routeOptions.url !== '/graphql') return payload;
    traffic.requestBytes += Number(request.headers['content-length'] ?? 0);
    if (typeof payload === 'string') traffic.responseBytes += Buffer.byteLength(payload);
    else if (Buffer.isBuffer(payload)) traffic.responseBytes += payload.length;
    return payload;
  });
  return traffic;
}
