// Boots the compiled app in a process of its own (a second or third instance beside the test's),
// on the database its environment names; tells the parent { port } and stops on 'stop'.
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');

async function serve() {
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  process.on('message', (message) => {
    if (message !== 'stop') return;
    strapi
      .destroy()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  });
  process.send({ port: strapi.server.httpServer.address().port });
}

serve().catch((error) => {
  process.stderr.write(`strapi process: ${error && error.stack ? error.stack : String(error)}\n`);
  process.exit(1);
});
