// Makes the upgrade fixture (see README.md): run by hand when a release changes what it stores,
// never by `npm test`. `npx jest -c tests/upgrade/jest.config.js` (DATABASE_CLIENT=postgres for PostgreSQL).
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  testTimeout: 600000,
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }] },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
  testMatch: ['<rootDir>/tests/upgrade/build-fixture.ts'],
  globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
};
