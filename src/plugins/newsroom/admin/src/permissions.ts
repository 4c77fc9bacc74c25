import * as React from 'react';
import { useAuth } from '@strapi/strapi/admin';
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

type NewsroomAction = keyof typeof NEWSROOM_PERMISSIONS;

/**
 * What the signed-in user may do on the Newsroom page, read from the user's permissions as the
 * admin holds them, so the answer follows them as they load. (useRBAC checks once, when a page
 * mounts: after a full page load that can be before the permissions arrive, and it then answers
 * "no permission" until the page is opened again.) The Newsroom actions carry no conditions.
 */
export function useNewsroomPermissions(): { isLoading: boolean; can: Record<NewsroomAction, boolean> } {
  const permissions = useAuth('useNewsroomPermissions', (state) => state.permissions);
  const isLoading = useAuth('useNewsroomPermissions', (state) => state.isLoading);
  return React.useMemo(() => {
    const held = new Set((permissions ?? []).map((permission) => permission.action));
    const can = Object.fromEntries(
      Object.entries(NEWSROOM_PERMISSIONS).map(([name, [{ action: id }]]) => [name, held.has(id)])
    ) as Record<NewsroomAction, boolean>;
    return { isLoading, can };
  }, [permissions, isLoading]);
}
