import type { Core } from '@strapi/strapi';

/**
 * For demos and browser tests: when ADMIN_EMAIL and ADMIN_PASSWORD are set and no administrator
 * exists yet, create that super admin. Otherwise Strapi shows its own first-admin screen.
 */
export async function createAdminFromEnv(strapi: Core.Strapi, environment = process.env): Promise<boolean> {
  const email = environment.ADMIN_EMAIL?.trim();
  const password = environment.ADMIN_PASSWORD;
  if (!email || !password) return false;

  const users = strapi.service('admin::user');
  if (await users.exists()) return false;

  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdmin) throw new Error('The Super Admin role is missing; cannot create ADMIN_EMAIL');

  await users.create({
    email: email.toLowerCase(),
    firstname: environment.ADMIN_FIRSTNAME ?? 'Newsroom',
    lastname: environment.ADMIN_LASTNAME ?? 'Admin',
    password,
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  strapi.log.info(`Created the super admin ${email} from ADMIN_EMAIL`);
  return true;
}
