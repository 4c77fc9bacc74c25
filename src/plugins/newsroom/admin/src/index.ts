import type * as React from 'react';
import { BulletList, ClockCounterClockwise, Layout } from '@strapi/icons';
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
  widgets: {
    register(
      widgets: Array<{
        id: string;
        pluginId: string;
        icon: React.ElementType;
        title: { id: string; defaultMessage: string };
        link: { label: { id: string; defaultMessage: string }; href: string };
        component: () => Promise<React.ComponentType>;
        permissions: Array<{ action: string; subject: null }>;
      }>
    ): void;
  };
  getPlugin(id: 'content-manager'): {
    apis: { addEditViewSidePanel(panels: Array<typeof mergedCopiesPanel>): void };
  };
}

/**
 * The newsroom plugin's admin panel: one menu link, "Newsroom", shown to administrators whose role
 * has the "Open the Newsroom page" action, leading to the page in pages/NewsroomPage; two home page
 * widgets (the rail's top cards, the newsroom's activity); and, beside an article in the Content
 * Manager, the copies of its story that were merged into it.
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
    const openNewsroom = { label: { id: `${PLUGIN_ID}.widget.open`, defaultMessage: 'Open the Newsroom' }, href: `/plugins/${PLUGIN_ID}` };
    // The home page shows a widget only to editors whose role has the Newsroom "read" action.
    app.widgets.register([
      {
        id: 'latest-rail',
        pluginId: PLUGIN_ID,
        icon: Layout,
        title: { id: `${PLUGIN_ID}.widget.rail`, defaultMessage: 'The Latest rail' },
        link: openNewsroom,
        component: async () => (await import('./components/RailWidget')).RailWidget,
        permissions: NEWSROOM_PERMISSIONS.read,
      },
      {
        id: 'activity',
        pluginId: PLUGIN_ID,
        icon: ClockCounterClockwise,
        title: { id: `${PLUGIN_ID}.widget.activity`, defaultMessage: 'Newsroom activity' },
        link: openNewsroom,
        component: async () => (await import('./components/ActivityWidget')).ActivityWidget,
        permissions: NEWSROOM_PERMISSIONS.read,
      },
    ]);
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
