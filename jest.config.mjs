// One Jest run covers every project: unit tests (*.spec.ts) and integration tests
// (*.int-spec.ts) that talk to the real nats-server and FerretDB started by libs/testing.
import { readFileSync } from 'node:fs';

const swc = JSON.parse(readFileSync(new URL('./.swcrc.json', import.meta.url), 'utf8'));

/** @type {import('jest').Config} */
export default {
  rootDir: '.',
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  testMatch: ['**/src/**/*.spec.ts', '**/src/**/*.int-spec.ts', '**/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@media-monitor/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  globalSetup: '<rootDir>/libs/testing/jest/global-setup.mjs',
  globalTeardown: '<rootDir>/libs/testing/jest/global-teardown.mjs',
  testTimeout: 60000,
  maxWorkers: 2,
};
