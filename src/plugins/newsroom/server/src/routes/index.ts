import admin from './admin';

/**
 * Content-API routes. The ingest route is served under /api/newsroom. The ingest route has no `auth: false`: it needs
 * the "plugin::newsroom.ingest.ingest" permission, which an administrator can give to an API token
 * (or a role); the Public and Authenticated roles do not have it.
 */
export default {
  // The Newsroom page of the admin panel, under /newsroom on the admin API (see admin.ts).
  admin,
  'content-api': {
    type: 'content-api',
    routes: [
      {
        method: 'POST',
        path: '/ingest',
        handler: 'ingest.ingest',
        config: { policies: [] },
      },
    ],
  },
  // The rail is part of the site's public API, at /api/latest-rail (no plugin prefix), for anyone.
  'latest-rail': {
    type: 'content-api',
    prefix: '',
    routes: [
      {
        method: 'GET',
        path: '/latest-rail',
        handler: 'latestRail.find',
        config: { auth: false, policies: [] },
      },
    ],
  },
};
