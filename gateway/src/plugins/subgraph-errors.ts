import type { GraphQLFormattedError } from 'graphql';

const UNREACHABLE = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|socket hang up|fetch failed|network/i;

/**
 * Formats errors for clients: an error from a subgraph keeps the subgraph's name (`extensions.serviceName`, set by
 * the gateway) and gets a stable code — SUBGRAPH_UNAVAILABLE when the subgraph could not be reached. In production,
 * unexpected errors say only that they happened.
 */
export function formatGatewayError(production: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const extensions = { ...(formatted.extensions ?? {}) };
    if (extensions.serviceName && (extensions.code === 'DOWNSTREAM_SERVICE_ERROR' || !extensions.code) && UNREACHABLE.test(formatted.message)) {
      return {
        message: `The ${extensions.serviceName} subgraph is unavailable`,
        path: formatted.path,
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: extensions.serviceName },
      };
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
