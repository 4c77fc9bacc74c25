import type { Core } from '@strapi/strapi';
import { configureContentManager } from './bootstrap/configure-content-manager';
import { createAdminFromEnv } from './bootstrap/create-admin-from-env';
import { closeSelfRegistration } from './bootstrap/close-self-registration';
import { grantPublicPermissions } from './bootstrap/grant-public-permissions';
import { seedSampleContent } from './bootstrap/seed-sample-content';

export default {
  register(_: { strapi: Core.Strapi }) {},

  /**
   * Idempotent: every step checks before it writes, so a second boot changes nothing.
   */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await grantPublicPermissions(strapi);
    await closeSelfRegistration(strapi);
    await createAdminFromEnv(strapi);
    await configureContentManager(strapi);
    await seedSampleContent(strapi);
  },
};
