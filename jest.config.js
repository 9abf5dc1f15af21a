// ESM + TypeScript, as in actions/typescript-action. Type checking is done once
// by `tsc --noEmit` in `npm test`; ts-jest only transpiles (isolatedModules).
/** @type {import('jest').Config} */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }]
  },
  testTimeout: 30000,
  // Two test files at a time on CI's 2 cores: the end-to-end suites mostly wait on child
  // processes and the emulator, so the suite takes about half as long (3 min instead of 5.5).
  maxWorkers: 2,
  collectCoverageFrom: ['src/**/*.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  verbose: false,
  reporters: ['default', '<rootDir>/scripts/count-reporter.cjs']
}
