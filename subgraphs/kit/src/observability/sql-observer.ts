import { type Configuration, DefaultLogger, type LoggerOptions, type LogContext } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { SpanKind, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api';

/** Called after each SQL statement with its time in ms, whether it failed, and its first keyword (select, insert…). */
export type SqlListener = (tookMs: number, failed: boolean, kind: string) => void;

const STATEMENT_KINDS = new Set(['select', 'insert', 'update', 'delete', 'with', 'begin', 'commit', 'rollback', 'savepoint', 'release']);
const MAX_STATEMENT_LENGTH = 4000;

/** The statement's first keyword when it is a common one, else `other` (a bounded metric label). */
export function statementKind(sql: string): string {
  const word = /^\s*([a-z]+)/i.exec(sql)?.[1]?.toLowerCase() ?? '';
  return STATEMENT_KINDS.has(word) ? word : 'other';
}

/**
 * Statement text without values: MikroORM logs the statement with `?` placeholders (values travel apart, unless the
 * `query-params` debug namespace is on, which this project never turns on); literals that code wrote into SQL are
 * replaced by `?` as well (strings, numbers), so no value can reach a span.
 */
export function sanitizeSql(sql: string): string {
  return sql
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/(?<![\w$])-?\d+(?:\.\d+)?(?![\w])/g, '?')
    .slice(0, MAX_STATEMENT_LENGTH);
}

/**
 * MikroORM's logger with two additions, both after each statement: a span for it (back-dated by its time) under the
 * active span — only when there is a sampled one, so nothing is done while tracing is off — and the listener set by
 * `observeSql` (the subgraph's SQL metrics). Everything else is the DefaultLogger's (SQL_STATEMENT_LOG, counting).
 */
export class ObservedLogger extends DefaultLogger {
  listener: SqlListener | null = null;
  private readonly database: string | undefined;

  constructor(options: LoggerOptions, database?: string) {
    super(options);
    this.database = database;
  }

  override logQuery(context: { query: string } & LogContext): void {
    super.logQuery(context);
    const took = context.took;
    if (took === undefined || context.namespace === 'slow-query') return;
    const failed = context.level === 'error';
    this.listener?.(took, failed, statementKind(context.query));
    // Under a sampled span of this request (even one already ended, as a resolver's that returned before its loader ran).
    const active = trace.getActiveSpan();
    if (!active || (active.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    const end = Date.now();
    const span = trace.getTracer('tdg').startSpan(
      `${statementKind(context.query)} ${this.database ?? ''}`.trim(),
      {
        kind: SpanKind.CLIENT,
        startTime: end - took,
        attributes: { 'db.system.name': 'postgresql', 'db.namespace': this.database ?? '', 'db.query.text': sanitizeSql(context.query) },
      },
    );
    if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(end);
  }
}

/** The loggerFactory for a subgraph's MikroORM configuration (orm.ts). */
export const observedLoggerFactory = (database?: string) => (options: LoggerOptions) => new ObservedLogger(options, database);

/** Sets the listener told of every statement of this ORM (no-op for an ORM built without ObservedLogger). */
export function observeSql(orm: MikroORM | { config: Configuration }, listener: SqlListener): void {
  const logger = orm.config.getLogger();
  if (logger instanceof ObservedLogger) logger.listener = listener;
}
