#!/usr/bin/env node
'use strict';
// Launcher for `npm run bench`: compiles the app (as `strapi develop` does) and the benchmark
// (bench/tsconfig.json, into bench/out/), then runs it. NEWSROOM_SKIP_COMPILE=1 reuses both builds.
process.env.STRAPI_TELEMETRY_DISABLED = process.env.STRAPI_TELEMETRY_DISABLED || 'true';

const path = require('path');
const { spawnSync } = require('child_process');

(async () => {
  const appDir = path.resolve(__dirname, '..');
  if (process.env.NEWSROOM_SKIP_COMPILE !== '1') {
    const { compileStrapi } = require('@strapi/strapi');
    await compileStrapi({ appDir });
    const tsc = require.resolve('typescript/bin/tsc', { paths: [appDir] });
    const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(__dirname, 'tsconfig.json')], { stdio: 'inherit' });
    if (compiled.status !== 0) throw new Error('the benchmark did not compile (see above)');
  }
  const { main } = require(path.join(__dirname, 'out', 'bench', 'main.js'));
  process.exitCode = await main(process.argv.slice(2));
})().catch((error) => {
  process.stderr.write(`bench: ${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 2;
});
