import { compileStrapi } from '@strapi/strapi';
import { APP_DIR } from './paths';

/**
 * Compile the app (and the newsroom plugin inside it) once for the whole integration run.
 * NEWSROOM_TEST_SKIP_COMPILE=1 reuses the last dist/ when only test files changed.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.NEWSROOM_TEST_SKIP_COMPILE === '1') return;
  await compileStrapi({ appDir: APP_DIR });
}
