import type { Core } from '@strapi/strapi';
import { devSecret } from '../src/lib/secrets';

/**
 * The origins the Preview may frame: this server (the newsroom's own preview page) and PREVIEW_URL's.
 * A malformed PREVIEW_URL is refused by the newsroom plugin's config check, naming the variable.
 */
function previewFrameOrigins(url: string): string[] {
  if (!URL.canParse(url)) return ["'self'"];
  return ["'self'", new URL(url).origin];
}

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
  // The Content Manager's Preview of an article: the newsroom plugin answers with PREVIEW_URL (a
  // frontend's preview route) or its own signed page (README, "Preview").
  preview: {
    enabled: env.bool('PREVIEW_ENABLED', true),
    config: {
      allowedOrigins: previewFrameOrigins(env('PREVIEW_URL', '')),
      // No preview without the plugin (the bench runs stock Strapi with it off).
      handler: (uid, { documentId, status }) => strapi.plugin('newsroom')?.service('preview').urlFor(uid, { documentId, status }) ?? null,
    },
  },
  // Tests and CI boot many short-lived instances; none of them should try to open a browser.
  autoOpen: false,
});

export default config;
