'use strict';
// `npm run test:e2e`: the browser test under jest, with the counts written to
// .tmp/ci/e2e.json for .ci/run's summary. Extra arguments go to jest.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
fs.mkdirSync(path.join(root, '.tmp', 'ci'), { recursive: true });
const result = spawnSync(
  process.execPath,
  [
    require.resolve('jest/bin/jest'),
    '--config',
    path.join(__dirname, 'jest.config.js'),
    '--runInBand',
    '--json',
    '--outputFile',
    path.join(root, '.tmp', 'ci', 'e2e.json'),
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' }
);
process.exit(result.status ?? 1);
