import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.ts';
import type { DataVersions } from './data-versions.ts';

/**
 * After a mutation through this gateway, every subgraph's data version is asked for again before the answer is sent,
 * so the caller's next query — anyone's — is keyed by the new versions and computed afresh (read-your-writes). A
 * change made elsewhere (an import, another gateway) is seen at the next poll.
 */
export function readYourWritesPlugin(versions: DataVersions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation === 'mutation') await versions.refresh();
        },
      };
    },
  };
}
