import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, Kind, visit } from 'graphql';
import type { GatewayContext } from '../context.ts';

/** Whether a document asks for the schema (`__schema` or `__type`; `__typename` is not introspection). */
export function isIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

/**
 * Introspection for signed-in callers; in production anonymous callers are refused (HTTP 403, `extensions.code`
 * INTROSPECTION_DISABLED). In development everyone may introspect (Apollo Sandbox).
 */
export function introspectionPlugin(production: boolean): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      if (!production) return;
      return {
        async didResolveOperation({ contextValue, document }) {
          if (contextValue.identity || !isIntrospection(document)) return;
          throw new GraphQLError('Introspection is available to signed-in users only: send Authorization: Bearer <token>', {
            extensions: { code: 'INTROSPECTION_DISABLED', http: { status: 403 } },
          });
        },
      };
    },
  };
}
