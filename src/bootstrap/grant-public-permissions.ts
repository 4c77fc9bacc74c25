import type { Core } from '@strapi/strapi';

/** What an anonymous reader may do: read published articles, teasers, categories and authors. */
export const PUBLIC_ACTIONS = [
  'api::article.article.find',
  'api::article.article.findOne',
  'api::teaser.teaser.find',
  'api::teaser.teaser.findOne',
  'api::category.category.find',
  'api::category.category.findOne',
  'api::author.author.find',
  'api::author.author.findOne',
] as const;

const STORE_KEY = 'public-permissions-granted';

/**
 * Grants PUBLIC_ACTIONS to the Public role once per database. The grant is remembered in Strapi's
 * core store, so a later boot changes nothing, and a permission an administrator removes in
 * Settings stays removed; an action added to the list since (a new content type's) is granted once.
 */
export async function grantPublicPermissions(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'app', name: 'newsroom', key: STORE_KEY });
  const granted = (await store.get({})) as { actions?: string[] } | null;
  const toGrant = PUBLIC_ACTIONS.filter((action) => !granted?.actions?.includes(action));
  if (toGrant.length === 0) return;

  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) throw new Error('The users-permissions Public role is missing; cannot grant public read access');

  const permissions = strapi.db.query('plugin::users-permissions.permission');
  const existing: Array<{ action: string }> = await permissions.findMany({
    where: { role: role.id, action: { $in: toGrant } },
    select: ['action'],
  });
  const have = new Set(existing.map((permission) => permission.action));
  for (const action of toGrant) {
    if (!have.has(action)) await permissions.create({ data: { action, role: role.id } });
  }
  await store.set({ value: { grantedAt: new Date().toISOString(), actions: PUBLIC_ACTIONS } });
}
