/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  setupFiles: ['reflect-metadata'],
  // Fails an integration or e2e file that leaves the shared test database otherwise than it found it.
  setupFilesAfterEnv: ['<rootDir>/test/helpers/leak-check.ts'],
  testTimeout: 60000,
};
