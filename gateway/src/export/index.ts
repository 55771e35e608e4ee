import negotiate from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { type DocumentNode, type GraphQLFormattedError, parse } from 'graphql';
import { graphqlErrorBody, HttpGraphQLError } from '../http-errors.ts';
import { statusOfErrors } from './error-status.ts';
import { ExportError, rowSource } from './rows.ts';
import { operationOf, type SelectionTree, selectionTree } from './selection-tree.ts';
import { csvStream, ndjsonStream } from './streams.ts';

const MEDIA_TYPES = {
  'application/json': null,
  'application/graphql-response+json': null,
  'text/csv': 'csv',
  'application/x-ndjson': 'ndjson',
} as const;
type MediaType = keyof typeof MEDIA_TYPES;
type Format = 'csv' | 'ndjson';

const CONTENT_TYPE: Readonly<Record<Format, string>> = {
  csv: 'text/csv; charset=utf-8; header=present',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

interface ExportRequest {
  readonly format: Format;
  /** Null when the document does not parse or names no operation: Apollo answers that error as it would. */
  readonly tree: SelectionTree | null;
  readonly path: string | undefined;
  readonly filename: string;
  readonly bom: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the caller asked for the result as CSV or JSON Lines (export/). */
    exportRequest: ExportRequest | null;
  }
}

/**
 * Exports of any query result from `path` (the GraphQL route): a request whose Accept header prefers `text/csv` or
 * `application/x-ndjson` runs exactly as a JSON one — same authentication, rate limit, operation limits, response
 * cache, access rules — with Apollo asked for JSON; the answer is then turned into rows (rows.ts) and streamed
 * (streams.ts). A result with any error is not converted: the GraphQL errors are answered as JSON with a 4xx/5xx
 * status. Only queries are exported (a mutation asked as CSV is refused before it runs).
 */
export function registerExport(app: FastifyInstance, path: string): void {
  app.decorateRequest('exportRequest', null);
  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.url !== path) return;
    const format = exportFormat(request.headers.accept);
    if (format === null) return;
    const params = (request.method === 'GET' ? request.query : request.body) as Record<string, unknown> | undefined;
    if (typeof params !== 'object' || params === null || Array.isArray(params) || typeof params.query !== 'string') {
      throw new HttpGraphQLError(400, 'BAD_REQUEST', 'An export needs the query text: POST {"query": …} (or GET ?query=…) with Accept: text/csv or application/x-ndjson');
    }
    const search = request.query as Record<string, unknown>;
    const listPath = search.path;
    if (listPath !== undefined && (typeof listPath !== 'string' || !/^[_A-Za-z][_0-9A-Za-z]*(\.[_A-Za-z][_0-9A-Za-z]*)*$/.test(listPath))) {
      throw new HttpGraphQLError(400, 'BAD_REQUEST', 'path must be dotted field names of the result, e.g. ?path=region.localAuthorities');
    }
    const operationName = typeof params.operationName === 'string' ? params.operationName : undefined;
    const document = parseOrNull(params.query);
    const operation = document && operationOf(document, operationName);
    if (operation && operation.operation !== 'query') {
      throw new HttpGraphQLError(406, 'NOT_ACCEPTABLE', `Only queries can be exported: send the ${operation.operation} with Accept: application/json`);
    }
    const name = (operation?.name?.value ?? 'export') + (listPath ? `-${listPath}` : '');
    request.exportRequest = {
      format,
      tree: document && operation ? selectionTree(document, operation) : null,
      path: listPath,
      filename: `${name.replace(/[^\w.-]/g, '_')}.${format === 'csv' ? 'csv' : 'ndjson'}`,
      bom: search.bom === 'true' || search.bom === '1',
    };
    // Apollo answers JSON; the conversion happens in onSend, on the answer Apollo produced.
    request.headers.accept = 'application/json';
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const exp = request.exportRequest;
    if (!exp) return payload;
    void reply.header('vary', 'accept');
    if (reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const result = JSON.parse(payload) as { data?: Record<string, never> | null; errors?: GraphQLFormattedError[] };
    if (result.errors?.length) {
      // Refused whole, partial results included: the errors as GraphQL answers them, with an error status.
      void reply.code(statusOfErrors(result.errors));
      return payload;
    }
    if (exp.tree === null) return payload;
    try {
      const source = rowSource(result.data, exp.tree, exp.path);
      void reply.header('content-type', CONTENT_TYPE[exp.format]).header('content-disposition', `attachment; filename="${exp.filename}"`);
      return exp.format === 'csv' ? csvStream(source, exp.bom) : ndjsonStream(source);
    } catch (error) {
      if (!(error instanceof ExportError)) throw error;
      return refuse(reply, 400, error.code, error.message);
    }
  });
}

/** csv or ndjson when the Accept header prefers one of them to JSON; null for a plain GraphQL request. */
function exportFormat(accept: string | undefined): Format | null {
  if (!accept) return null;
  const preferred = negotiate(accept, Object.keys(MEDIA_TYPES) as MediaType[]);
  return preferred === null ? null : MEDIA_TYPES[preferred];
}

function parseOrNull(query: string): DocumentNode | null {
  try {
    return parse(query, { noLocation: true });
  } catch {
    return null;
  }
}

function refuse(reply: FastifyReply, status: number, code: string, message: string): string {
  void reply.code(status).header('content-type', 'application/json; charset=utf-8');
  return JSON.stringify(graphqlErrorBody(code, message));
}
