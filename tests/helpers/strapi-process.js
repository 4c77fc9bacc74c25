// Boots the compiled app in a process of its own (a second or third instance beside the test's),
// on the database its environment names; says { port } to the parent and stops on 'stop'.
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');
const distDir = path.join(appDir, 'dist');
const { serveUntilStopped } = require(path.join(distDir, 'scripts', 'server-process.js'));

createStrapi({ appDir, distDir })
  .load()
  .then((strapi) => serveUntilStopped(strapi))
  .catch((error) => {
    process.stderr.write(`strapi process: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exit(1);
  });
