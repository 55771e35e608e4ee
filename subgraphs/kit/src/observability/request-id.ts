import { randomUUID } from 'node:crypto';

/** The header that carries a request's id: accepted from the caller, made when absent, returned, passed to subgraphs. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** 8 to 128 letters, digits, `.`, `_`, `:` or `-` (a UUID, a trace id, a load balancer's id); anything else is replaced. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The caller's request id when it has the accepted shape, else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && REQUEST_ID.test(value) ? value : randomUUID();
}
