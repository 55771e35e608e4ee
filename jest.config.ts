import type { Config } from 'jest';

/**
 * One jest run for the whole repository: unit tests beside the code (`*.test.ts`), `_entities` tests per subgraph
 * and end-to-end tests under `test/` that start real subgraphs, the gateway and PostgreSQL (embedded unless
 * DATABASE_URL is set). TypeScript is transpiled by swc; type-checking is `npm run typecheck`.
 */
const config: Config = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'es6' } }],
  },
  testMatch: ['<rootDir>/subgraphs/*/src/**/*.test.ts', '<rootDir>/gateway/src/**/*.test.ts', '<rootDir>/scripts/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts', '<rootDir>/bench/src/**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 2,
  // ESM test files run in VM contexts that a worker does not fully release: a worker past this much memory between
  // test files is replaced by a fresh one (a run of ~90 files crashed a worker on the heap limit without it).
  workerIdleMemoryLimit: '1GB',
};

export default config;
