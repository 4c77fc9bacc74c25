#!/usr/bin/env node
'use strict';
// Launcher for the ingest command: compiles the app (incrementally, as `strapi develop` does) so
// the command always runs the current code, then hands over to the compiled command.
process.env.LOG_TO_STDERR = process.env.LOG_TO_STDERR || 'true';
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
process.env.SEED_SAMPLE_CONTENT = process.env.SEED_SAMPLE_CONTENT || 'false';
process.env.STRAPI_TELEMETRY_DISABLED = process.env.STRAPI_TELEMETRY_DISABLED || 'true';

const path = require('path');
const { compileStrapi } = require('@strapi/strapi');

(async () => {
  const appDir = path.resolve(__dirname, '..');
  if (process.env.NEWSROOM_SKIP_COMPILE !== '1') await compileStrapi({ appDir });
  const { main } = require(path.join(appDir, 'dist', 'scripts', 'ingest-cli.js'));
  process.exitCode = await main(process.argv.slice(2));
})().catch((error) => {
  process.stderr.write(`ingest: ${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 1;
});
