import { NEWSROOM_ADMIN_ACTIONS, type NewsroomAdminAction } from '../admin-permissions';

/**
 * Routes of the Newsroom admin page, served under /newsroom on the admin API (admin session
 * only). Each needs a signed-in administrator whose role has the named Newsroom action; the
 * preview page alone is opened by a signed link instead.
 */
const allowed = (action: NewsroomAdminAction) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
});

const { read, ingest, boilerplate, webhooks, curate } = NEWSROOM_ADMIN_ACTIONS;

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/activity', handler: 'adminActivity.summary', config: allowed(read) },
    { method: 'GET', path: '/rail', handler: 'adminRail.find', config: allowed(read) },
    { method: 'GET', path: '/rail/curation', handler: 'adminRail.listCuration', config: allowed(read) },
    { method: 'POST', path: '/rail/curation', handler: 'adminRail.curate', config: allowed(curate) },
    { method: 'POST', path: '/ingest', handler: 'adminIngest.ingest', config: allowed(ingest) },
    { method: 'GET', path: '/merges', handler: 'adminMerges.find', config: allowed(read) },
    { method: 'POST', path: '/merges/:id/split', handler: 'adminMerges.split', config: allowed(curate) },
    { method: 'GET', path: '/boilerplate', handler: 'adminBoilerplate.find', config: allowed(read) },
    { method: 'PUT', path: '/boilerplate/:id', handler: 'adminBoilerplate.setKeep', config: allowed(boilerplate) },
    { method: 'GET', path: '/webhooks/targets', handler: 'adminWebhooks.listTargets', config: allowed(read) },
    { method: 'POST', path: '/webhooks/targets', handler: 'adminWebhooks.createTarget', config: allowed(webhooks) },
    { method: 'PUT', path: '/webhooks/targets/:id', handler: 'adminWebhooks.updateTarget', config: allowed(webhooks) },
    { method: 'PATCH', path: '/webhooks/targets/:id', handler: 'adminWebhooks.updateTarget', config: allowed(webhooks) },
    { method: 'DELETE', path: '/webhooks/targets/:id', handler: 'adminWebhooks.deleteTarget', config: allowed(webhooks) },
    { method: 'GET', path: '/webhooks/deliveries', handler: 'adminWebhooks.listDeliveries', config: allowed(read) },
    { method: 'POST', path: '/webhooks/deliveries/:id/retry', handler: 'adminWebhooks.retryDelivery', config: allowed(webhooks) },
    // The Content Manager's Preview frame: the signed, expiring link it is given is the credential.
    { method: 'GET', path: '/preview/articles/:documentId', handler: 'preview.article', config: { auth: false } },
  ],
};
