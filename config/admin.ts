import type { Core } from '@strapi/strapi';
import { devSecret } from '../src/lib/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET', devSecret('ADMIN_JWT_SECRET')),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT', devSecret('API_TOKEN_SALT')),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT', devSecret('TRANSFER_TOKEN_SALT')),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY', devSecret('ENCRYPTION_KEY')),
  },
  flags: {
    nps: env.bool('FLAG_NPS', false),
    promoteEE: env.bool('FLAG_PROMOTE_EE', false),
  },
  // Tests and CI boot many short-lived instances; none of them should try to open a browser.
  autoOpen: false,
});

export default config;
