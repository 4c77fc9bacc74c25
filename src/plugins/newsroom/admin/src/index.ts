import type * as React from 'react';
import { BulletList } from '@strapi/icons';
import { NEWSROOM_PERMISSIONS } from './permissions';
import { PLUGIN_ID } from './pluginId';
import { mergedCopiesPanel } from './components/MergedCopiesPanel';

interface AdminApp {
  addMenuLink(link: {
    to: string;
    icon: React.ElementType;
    intlLabel: { id: string; defaultMessage: string };
    permissions: Array<{ action: string; subject: null }>;
    Component: () => Promise<{ default: React.ComponentType }>;
  }): void;
  registerPlugin(plugin: { id: string; name: string }): void;
  getPlugin(id: 'content-manager'): {
    apis: { addEditViewSidePanel(panels: Array<typeof mergedCopiesPanel>): void };
  };
}

/**
 * The newsroom plugin's admin panel: one menu link, "Newsroom", shown to administrators whose role
 * has the "Open the Newsroom page" action, leading to the page in pages/NewsroomPage; and, beside
 * an article in the Content Manager, the copies of its story that were merged into it.
 */
export default {
  register(app: AdminApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      // Not the Content Manager's feather: the two links sit side by side.
      icon: BulletList,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Newsroom' },
      permissions: NEWSROOM_PERMISSIONS.read,
      Component: () => import('./pages/NewsroomPage'),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Newsroom' });
  },

  // Panels are added once every plugin has registered (the Content Manager among them).
  bootstrap(app: AdminApp) {
    app.getPlugin('content-manager').apis.addEditViewSidePanel([mergedCopiesPanel]);
  },

  // The page's texts are English only; every message carries its defaultMessage.
  async registerTrads({ locales }: { locales: string[] }) {
    return locales.map((locale) => ({ data: {}, locale }));
  },
};
