import type { Core } from '@strapi/strapi';

const STORE_KEY = 'self-registration-decided';

/**
 * A newsroom's site members are invited, not self-registered: stock Strapi leaves
 * /api/auth/local/register open to anyone. Once per database (remembered in the core store, so an
 * administrator's later choice in Settings › Users & Permissions › Advanced stands) registration
 * is set to USERS_PERMISSIONS_REGISTRATION (default false).
 */
export async function closeSelfRegistration(strapi: Core.Strapi): Promise<void> {
  const decided = strapi.store({ type: 'app', name: 'newsroom', key: STORE_KEY });
  if (await decided.get({})) return;
  const allowRegister = process.env.USERS_PERMISSIONS_REGISTRATION === 'true';
  const advanced = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const settings = ((await advanced.get({})) ?? {}) as Record<string, unknown>;
  await advanced.set({ value: { ...settings, allow_register: allowRegister } });
  await decided.set({ value: { decidedAt: new Date().toISOString(), allowRegister } });
}
