import { ConfigError } from '@tdg/kit/config';
import { loadGatewayConfig } from './config.ts';
import { OPERATION_LIMITS } from './limits.ts';

/** The gateway's own settings beside auth (auth/config.test.ts): here, the response cache's. */
const BASE = { NODE_ENV: 'test', SUBGRAPH_SIGNING_SECRET: 'x'.repeat(32), JWT_SECRET: 'y'.repeat(32), JWT_ALGORITHM: 'HS256' };

const problems = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadGatewayConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

test('the response cache is off by default (TTL 0), polls every second and holds 64 MiB when on', () => {
  expect(loadGatewayConfig(BASE).responseCache).toEqual({ ttlSeconds: 0, pollMs: 1000, maxMb: 64 });
  const on = loadGatewayConfig({ ...BASE, RESPONSE_CACHE_TTL_SECONDS: '30', RESPONSE_CACHE_POLL_MS: '250', RESPONSE_CACHE_MAX_MB: '16' });
  expect(on.responseCache).toEqual({ ttlSeconds: 30, pollMs: 250, maxMb: 16 });
});

test('bad response cache settings are all listed, with the other problems', () => {
  const found = problems({ ...BASE, SUBGRAPH_SIGNING_SECRET: 'short', RESPONSE_CACHE_TTL_SECONDS: '-1', RESPONSE_CACHE_POLL_MS: '1.5', RESPONSE_CACHE_MAX_MB: '0' });
  for (const variable of ['SUBGRAPH_SIGNING_SECRET', 'RESPONSE_CACHE_TTL_SECONDS', 'RESPONSE_CACHE_POLL_MS', 'RESPONSE_CACHE_MAX_MB']) {
    expect(found.some((p) => p.startsWith(`${variable}:`))).toBe(true);
  }
});

test('operation limits: the defaults per tier, each overridable by its variable', () => {
  const limits = loadGatewayConfig({ ...BASE, COST_BUDGET_ANALYST: '5000', MAX_DEPTH_ADMIN: '30', MAX_ALIASES_ANONYMOUS: '0' }).operationLimits;
  expect(limits.analyst).toEqual({ ...OPERATION_LIMITS.analyst, cost: 5000 });
  expect(limits.admin.depth).toBe(30);
  expect(limits.anonymous.aliases).toBe(0);
  expect(limits.staff).toEqual(OPERATION_LIMITS.staff);
});

test('bad operation limits are all listed', () => {
  const found = problems({ ...BASE, COST_BUDGET_STAFF: 'lots', MAX_DEPTH_ANONYMOUS: '0', MAX_TOKENS_ADMIN: '1.5', MAX_DIRECTIVES_ANALYST: '-1' });
  for (const variable of ['COST_BUDGET_STAFF', 'MAX_DEPTH_ANONYMOUS', 'MAX_TOKENS_ADMIN', 'MAX_DIRECTIVES_ANALYST']) {
    expect(found.some((p) => p.startsWith(`${variable}:`))).toBe(true);
  }
});
