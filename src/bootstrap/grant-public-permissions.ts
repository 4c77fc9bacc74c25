import type { Core } from '@strapi/strapi';

/** What an anonymous reader may do: read published articles, teasers and categories. */
export const PUBLIC_ACTIONS = [
  'api::article.article.find',
  'api::article.article.findOne',
  'api::teaser.teaser.find',
  'api::teaser.teaser.findOne',
  'api::category.category.find',
  'api::category.category.findOne',
] as const;

const STORE_KEY = 'public-permissions-granted';

/**
 * Grants PUBLIC_ACTIONS to the Public role once per database. The grant is remembered in Strapi's
 * core store, so a later boot changes nothing, and a permission an administrator removes in
 * Settings stays removed.
 */
export async function grantPublicPermissions(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'app', name: 'newsroom', key: STORE_KEY });
  if (await store.get({})) return;

  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) throw new Error('The users-permissions Public role is missing; cannot grant public read access');

  const permissions = strapi.db.query('plugin::users-permissions.permission');
  const existing: Array<{ action: string }> = await permissions.findMany({
    where: { role: role.id, action: { $in: [...PUBLIC_ACTIONS] } },
    select: ['action'],
  });
  const have = new Set(existing.map((permission) => permission.action));
  for (const action of PUBLIC_ACTIONS) {
    if (!have.has(action)) await permissions.create({ data: { action, role: role.id } });
  }
  await store.set({ value: { grantedAt: new Date().toISOString(), actions: PUBLIC_ACTIONS } });
}
