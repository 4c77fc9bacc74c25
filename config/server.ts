import type { Core } from '@strapi/strapi';
import { assertProductionSecrets, devSecret } from '../src/lib/secrets';

// In production every secret must come from the environment; outside production we fall back to
// fixed development values so that `npm run develop` works on a fresh clone without a .env file.
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => {
  assertProductionSecrets(process.env);
  return {
    host: env('HOST', '0.0.0.0'),
    port: env.int('PORT', 1337),
    url: env('PUBLIC_URL', ''),
    app: {
      keys: env.array('APP_KEYS', devSecret('APP_KEYS').split(',')),
    },
    // The Strapi process registers cron tasks (rail assembly, webhook dispatch) itself.
    cron: { enabled: env.bool('CRON_ENABLED', true) },
  };
};

export default config;
