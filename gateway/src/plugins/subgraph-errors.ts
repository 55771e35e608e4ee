import { fieldOfMessage } from '@tdg/kit/format-error';
import type { GraphQLFormattedError } from 'graphql';

const TOO_MANY_TOKENS = /Document contains more (than|that) \d+ tokens/;
const UNREACHABLE = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|socket hang up|fetch failed|network/i;

/**
 * Formats errors for clients: an error from a subgraph keeps the subgraph's name (`extensions.serviceName`, set by
 * the gateway) and gets a stable code — SUBGRAPH_UNAVAILABLE when the subgraph could not be reached. In production,
 * unexpected errors say only that they happened (no stack trace, no internal message). A document over graphql-js's token
 * ceiling answers TOKEN_LIMIT_EXCEEDED like the per-tier token limit.
 */
export function formatGatewayError(production: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const extensions = { ...(formatted.extensions ?? {}) };
    if (extensions.code === 'GRAPHQL_PARSE_FAILED' && TOO_MANY_TOKENS.test(formatted.message)) {
      // graphql-js's own token ceiling (parseOptions.maxTokens, the loosest tier's limit) is the same limit.
      return { message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { code: 'TOKEN_LIMIT_EXCEEDED' } };
    }
    if (extensions.serviceName && (extensions.code === 'DOWNSTREAM_SERVICE_ERROR' || !extensions.code) && UNREACHABLE.test(formatted.message)) {
      return {
        message: `The ${extensions.serviceName} subgraph is unavailable`,
        path: formatted.path,
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: extensions.serviceName },
      };
    }
    if (extensions.code === 'BAD_USER_INPUT' && !extensions.field) {
      // The gateway coerces variables itself (e.g. an unknown enum value): name the field as the subgraphs do.
      const field = fieldOfMessage(formatted.message);
      if (field !== null) extensions.field = field;
    }
    if (production) {
      delete extensions.stacktrace;
      delete extensions.exception;
      if (!extensions.code || extensions.code === 'INTERNAL_SERVER_ERROR') {
        return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: extensions.serviceName } };
      }
    }
    return { ...formatted, extensions };
  };
}
