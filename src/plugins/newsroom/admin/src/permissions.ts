import { PLUGIN_ID } from './pluginId';

/** The admin actions the plugin's server registers (server/src/admin-permissions.ts). */
const action = (name: string) => [{ action: `plugin::${PLUGIN_ID}.${name}`, subject: null }];

export const NEWSROOM_PERMISSIONS = {
  read: action('read'),
  ingest: action('ingest'),
  boilerplate: action('boilerplate'),
  webhooks: action('webhooks'),
  curate: action('curate'),
};
