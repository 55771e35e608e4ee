import { z } from 'zod';
import { ConfigError, parseEnv, readAll } from '../config.ts';

/**
 * What a process shows an operator (metrics, logs, traces), read once from the environment with the rest of its
 * configuration and validated (every problem listed). The same variables for the gateway and every subgraph.
 */
export interface ObservabilityConfig {
  /** Prometheus metrics at `GET /metrics` (METRICS; on by default, in production only when METRICS_TOKEN is set). */
  readonly metrics: boolean;
  /** When set, `/metrics` answers only `Authorization: Bearer <token>` (METRICS_TOKEN; required in production). */
  readonly metricsToken: string | null;
  /** pino level of the JSON logs (LOG_LEVEL; `silent` by default under NODE_ENV=test). */
  readonly logLevel: LogLevel;
  /** Human-readable logs instead of JSON lines (LOG_PRETTY=true; development only). */
  readonly logPretty: boolean;
  /** Where spans are exported; null: tracing off (the default), nothing of the SDK is started. */
  readonly tracing: TracingConfig | null;
}

export interface TracingConfig {
  /** `otlp`: OTLP over HTTP (JSON) to `url`; `console`: printed to stdout (development). */
  readonly exporter: 'otlp' | 'console';
  /** The OTLP traces URL (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`). */
  readonly url: string;
  /** Share of new traces sampled, 0–1 (OTEL_TRACES_SAMPLER_ARG; a caller's sampled traceparent is followed). */
  readonly sampleRatio: number;
  /** The service name spans carry (OTEL_SERVICE_NAME; by default the process's own: `gateway`, `scitts`…). */
  readonly serviceName: string | null;
  /** Most time a finished span waits before it is exported, in ms (OTEL_BSP_SCHEDULE_DELAY, 5000). */
  readonly exportDelayMs: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Used when nothing is configured (tests starting servers in-process): metrics open, logs silent, no tracing. */
export const DEFAULT_OBSERVABILITY: ObservabilityConfig = { metrics: true, metricsToken: null, logLevel: 'silent', logPretty: false, tracing: null };

const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';

const onOff = (byDefault: 'on' | 'off') =>
  z
    .enum(['on', 'off', 'true', 'false', '1', '0'])
    .default(byDefault)
    .transform((v) => v === 'on' || v === 'true' || v === '1');

export function loadObservabilityConfig(env: NodeJS.ProcessEnv = process.env): ObservabilityConfig {
  const production = env.NODE_ENV === 'production';
  const schema = z
    .object({
      // In production, on only with a token unless asked for (then the token is required); elsewhere on.
      METRICS: onOff(production && !env.METRICS_TOKEN ? 'off' : 'on'),
      METRICS_TOKEN: z.preprocess(
        (v) => (v === '' ? undefined : v),
        z
          .string()
          .min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)')
          .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
          .optional(),
      ),
      LOG_LEVEL: z.enum(LOG_LEVELS).default(env.NODE_ENV === 'test' ? 'silent' : 'info'),
      LOG_PRETTY: onOff('off'),
      OTEL_TRACES_EXPORTER: z.enum(['otlp', 'console', 'none']).optional(),
      OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url().optional(),
      OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
      OTEL_SERVICE_NAME: z.string().min(1).max(100).optional(),
      OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(10).max(600_000).default(5000),
    });
  const [e] = readAll(
    () => parseEnv(schema, env),
    () => productionRules(env),
  );
  const endpoint = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? e.OTEL_EXPORTER_OTLP_ENDPOINT;
  // Off unless asked for: an exporter named, or an OTLP endpoint given (then OTLP, as the OpenTelemetry SDKs do).
  const exporter = e.OTEL_TRACES_EXPORTER ?? (endpoint ? 'otlp' : 'none');
  const url = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${(e.OTEL_EXPORTER_OTLP_ENDPOINT ?? DEFAULT_OTLP_ENDPOINT).replace(/\/+$/, '')}/v1/traces`;
  return {
    metrics: e.METRICS,
    metricsToken: e.METRICS_TOKEN ?? null,
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
    tracing: exporter === 'none' ? null : { exporter, url, sampleRatio: e.OTEL_TRACES_SAMPLER_ARG, serviceName: e.OTEL_SERVICE_NAME ?? null, exportDelayMs: e.OTEL_BSP_SCHEDULE_DELAY },
  };
}

const isOn = (value: string | undefined) => value === 'on' || value === 'true' || value === '1';

/** What production refuses, checked apart so that it is listed with the other problems, not only once they are fixed. */
function productionRules(env: NodeJS.ProcessEnv): void {
  if (env.NODE_ENV !== 'production') return;
  const problems: string[] = [];
  if (isOn(env.METRICS) && !env.METRICS_TOKEN) problems.push('METRICS_TOKEN: required in production with METRICS=on: the bearer token Prometheus sends');
  if (isOn(env.LOG_PRETTY)) problems.push('LOG_PRETTY: is for development: production logs are JSON lines');
  if (problems.length > 0) throw new ConfigError(problems);
}
