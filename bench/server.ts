/**
 * The server under load, in its own process so the load generator does not share its event loop:
 * boots the compiled app on the database the parent names (environment from benchEnv()), has the
 * rail assembled when the plugin is on, listens on a free port on 127.0.0.1 and tells the parent
 * { port }. The message 'stop' shuts it down.
 */
import { bootStrapi } from './boot';
import { serveUntilStopped } from '../scripts/server-process';
import { newsroomService, type RailApi } from './plugin-services';

export interface ServerReady {
  port: number;
  /** Whether the newsroom plugin is loaded in this server. */
  plugin: boolean;
  railAssembled: boolean;
}

async function serve(): Promise<void> {
  const strapi = await bootStrapi();
  const rail = newsroomService<RailApi>(strapi, 'rail');
  let railAssembled = false;
  if (typeof rail?.assembleNow === 'function') {
    await rail.assembleNow();
    railAssembled = true;
  }
  await serveUntilStopped(strapi, { plugin: newsroomService(strapi, 'ingest') !== undefined, railAssembled });
}

if (require.main === module) {
  serve().catch((error: unknown) => {
    process.stderr.write(`bench server: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
