// Two Jest projects: `unit` (*.spec.ts, no servers) and `integration` (*.int-spec.ts and e2e/,
// against the real Postgres and NATS). `npm test` runs both.
import { swcOptions } from './tools/runtime/swc-options.mjs';

const shared = {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcOptions, swcrc: false }] },
  moduleNameMapper: { '^@jingwang/([a-z0-9-]+)$': '<rootDir>/libs/$1/src/index.ts' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/'],
};

export default {
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{libs,services,tools}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,services,tools}/**/*.int-spec.ts', '<rootDir>/e2e/**/*.e2e-spec.ts'],
    },
  ],
};
