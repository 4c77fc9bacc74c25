import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './utils/plugin';

/**
 * What an administrator may do on the Newsroom page. Each action is listed under Settings → Roles →
 * Plugins → Newsroom, so a role can be allowed to look without being allowed to change anything.
 * The admin routes (routes/admin.ts) and the menu link of the admin panel check these same ids.
 */
export const NEWSROOM_ADMIN_ACTIONS = {
  read: `plugin::${PLUGIN_ID}.read`,
  ingest: `plugin::${PLUGIN_ID}.ingest`,
  boilerplate: `plugin::${PLUGIN_ID}.boilerplate`,
  webhooks: `plugin::${PLUGIN_ID}.webhooks`,
  curate: `plugin::${PLUGIN_ID}.curate`,
} as const;

export type NewsroomAdminAction = (typeof NEWSROOM_ADMIN_ACTIONS)[keyof typeof NEWSROOM_ADMIN_ACTIONS];

const ACTIONS = [
  { uid: 'read', displayName: 'Open the Newsroom page (rail, merges, boilerplate ledger, webhook deliveries)' },
  { uid: 'ingest', displayName: 'Upload pages to ingest' },
  { uid: 'boilerplate', displayName: 'Mark boilerplate lines as "not boilerplate"' },
  { uid: 'webhooks', displayName: 'Manage rebuild webhook targets and retry deliveries' },
  { uid: 'curate', displayName: 'Overrule the machine: pin and hide Latest rail cards, split merged copies' },
];

/** Registers the Newsroom admin actions; called from the plugin's bootstrap on every boot. */
export async function registerAdminPermissions(strapi: Core.Strapi): Promise<void> {
  await strapi.service('admin::permission').actionProvider.registerMany(
    ACTIONS.map((action) => ({ section: 'plugins', pluginName: PLUGIN_ID, ...action }))
  );
}
