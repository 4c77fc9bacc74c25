import type { Core } from '@strapi/strapi';
import { devSecret } from '../src/lib/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  newsroom: {
    // Off only to measure stock Strapi side by side with the plugin (see bench/).
    enabled: env.bool('NEWSROOM_PLUGIN_ENABLED', true),
    resolve: './src/plugins/newsroom',
    // The plugin reads its own settings from the environment (README, "Environment variables");
    // a `config: { rail: { defaultLimit: 10 } }` here would override them.
  },
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      // The sandbox is for developers; a production site answers queries only.
      landingPage: env('NODE_ENV') !== 'production',
      depthLimit: env.int('GRAPHQL_DEPTH_LIMIT', 7),
      amountLimit: env.int('GRAPHQL_AMOUNT_LIMIT', 100),
      defaultLimit: 25,
      maxLimit: 100,
      apolloServer: {
        introspection: env('NODE_ENV') !== 'production',
      },
    },
  },
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', devSecret('JWT_SECRET')),
    },
  },
});

export default config;
