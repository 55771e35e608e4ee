import { ConfigError } from '../config.ts';
import { loadObservabilityConfig } from './config.ts';

const problems = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadObservabilityConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

test('defaults: metrics open outside production, logs at info (silent under test), tracing off', () => {
  expect(loadObservabilityConfig({})).toEqual({ metrics: true, metricsToken: null, logLevel: 'info', logPretty: false, tracing: null });
  expect(loadObservabilityConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
});

test('production: metrics only with a token; METRICS=on without one, a short token, pretty logs or a bad level are listed together', () => {
  expect(loadObservabilityConfig({ NODE_ENV: 'production' }).metrics).toBe(false);
  expect(loadObservabilityConfig({ NODE_ENV: 'production', METRICS_TOKEN: 't'.repeat(32) })).toMatchObject({ metrics: true, metricsToken: 't'.repeat(32) });
  expect(problems({ NODE_ENV: 'production', METRICS: 'on', LOG_PRETTY: 'true', LOG_LEVEL: 'loud' })).toEqual([
    expect.stringMatching(/^LOG_LEVEL: /),
    expect.stringMatching(/^METRICS_TOKEN: required in production/),
    expect.stringMatching(/^LOG_PRETTY: is for development/),
  ]);
  expect(problems({ METRICS_TOKEN: 'short' })).toEqual([expect.stringMatching(/^METRICS_TOKEN: must be at least 32/)]);
});

test('tracing: on with an OTLP endpoint or a named exporter; bad URLs and ratios refused', () => {
  expect(loadObservabilityConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing).toEqual({
    exporter: 'otlp',
    url: 'http://collector:4318/v1/traces',
    sampleRatio: 1,
    serviceName: null,
    exportDelayMs: 5000,
  });
  expect(loadObservabilityConfig({ OTEL_TRACES_EXPORTER: 'otlp' }).tracing?.url).toBe('http://localhost:4318/v1/traces');
  expect(loadObservabilityConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' }).tracing).toBeNull();
  expect(problems({ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url', OTEL_TRACES_SAMPLER_ARG: '2' })).toHaveLength(2);
});
