/**
 * Content-API routes, served under /api/newsroom. The ingest route has no `auth: false`: it needs
 * the "plugin::newsroom.ingest.ingest" permission, which an administrator can give to an API token
 * (or a role); the Public and Authenticated roles do not have it.
 */
export default {
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
};
