// The real-browser test of the admin panel: `npm run test:e2e` (run.js). Kept out of `npm test`:
// it needs Debian's Chromium at /usr/bin/chromium and a built admin panel.
module.exports = {
  rootDir: __dirname + '/../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/e2e/**/*.e2e.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }] },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
  globalSetup: '<rootDir>/tests/e2e/global-setup.ts',
  // A whole Strapi and a browser: first boot and page loads take a while on a shared machine.
  testTimeout: 300000,
};
