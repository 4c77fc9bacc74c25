'use strict';

// The plugin's server code is TypeScript under server/src. It is compiled together with the app by
// the app's own build (`strapi develop`, `strapi build`, the test setup), into the app's dist/
// folder, so the plugin needs no build step of its own. Strapi looks for this file at the root of a
// local plugin and loads whatever it exports.
const path = require('path');

const compiled = path.resolve(__dirname, '..', '..', '..', 'dist', 'src', 'plugins', 'newsroom', 'server', 'src', 'index.js');

try {
  module.exports = require(compiled).default;
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(compiled)) {
    throw new Error(
      `The newsroom plugin has not been compiled (${compiled} is missing). Run \`npm run build\` or \`npm run develop\`.`
    );
  }
  throw error;
}
