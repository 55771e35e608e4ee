import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.ts';
import { RESPONSE_TOO_LARGE } from '../subgraph-calls/bounded-response.ts';

/**
 * A request that went past an answer bound — a subgraph's answer over MAX_SUBGRAPH_RESPONSE_MB at the gateway
 * (subgraph-calls/bounded-response.ts), or over a subgraph's own MAX_OBJECTS_PER_REQUEST — is answered with that
 * error alone and `data: null`: not with the rest of the plan's partial data, which is dropped.
 */
export function responseBoundsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors?.filter((e) => e.extensions?.code === RESPONSE_TOO_LARGE);
          if (!errors?.length) return;
          response.body.singleResult.data = null;
          response.body.singleResult.errors = [errors[0]];
        },
      };
    },
  };
}
