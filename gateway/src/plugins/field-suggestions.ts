import type { ApolloServerPlugin } from '@apollo/server';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import type { GraphQLError } from 'graphql';

type EnvelopValidateEnd = (payload: { valid: boolean; result: readonly GraphQLError[]; setResult: (errors: GraphQLError[]) => void }) => void;

/**
 * In production, validation errors do not suggest field names ("Did you mean …?"), so the schema cannot be guessed
 * field by field when introspection is off. GraphQL Armor's envelop plugin, run on Apollo's validation hook (its
 * formatter rewrites each error's message in place).
 */
export function fieldSuggestionsPlugin(production: boolean): ApolloServerPlugin {
  const armor = blockFieldSuggestionsPlugin({ mask: '[suggestion hidden]' }) as unknown as { onValidate: () => EnvelopValidateEnd };
  return {
    async requestDidStart() {
      if (!production) return;
      return {
        async validationDidStart() {
          return async (errors) => {
            if (errors?.length) armor.onValidate()({ valid: false, result: errors as readonly GraphQLError[], setResult: () => undefined });
          };
        },
      };
    },
  };
}
