// Two projects: fast unit tests over pure modules (no Strapi), and integration tests that boot a
// real Strapi on a throw-away database. `npm test` runs both; `npm run test:postgres` runs the
// integration project with DATABASE_CLIENT=postgres.
const shared = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }] },
  // dist/ holds the compiled app, including a second copy of the plugin's package.json.
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
};

module.exports = {
  // Integration tests boot a whole Strapi; unit tests never come near this.
  testTimeout: 120000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/helpers/global-setup.ts',
    },
  ],
};
