import type { Core } from '@strapi/strapi';
import { linesToBlocks } from '../../src/plugins/newsroom/server/src/blocks';

export interface ArticleInput {
  title: string;
  dek?: string;
  body?: string[];
  category?: string;
  publish?: boolean;
}

/** Creates (and optionally publishes) an article through the document service, as a route would. */
export async function createArticle(strapi: Core.Strapi, input: ArticleInput) {
  let categoryId: string | undefined;
  if (input.category) {
    const found = await strapi.documents('api::category.category').findFirst({ filters: { name: input.category } });
    const category = found ?? (await strapi.documents('api::category.category').create({ data: { name: input.category } }));
    categoryId = category.documentId;
  }
  const created = await strapi.documents('api::article.article').create({
    data: {
      title: input.title,
      dek: input.dek,
      body: linesToBlocks(input.body ?? ['A first paragraph.']) as never,
      ...(categoryId ? { category: categoryId } : {}),
    },
  });
  if (input.publish) {
    await strapi.documents('api::article.article').publish({ documentId: created.documentId });
  }
  return created;
}

/** A full-access API token, for routes the public may not use. */
export async function createFullAccessToken(strapi: Core.Strapi, name = 'test token'): Promise<string> {
  const token = await strapi.service('admin::api-token').create({
    name: `${name} ${Date.now()}`,
    description: 'integration test',
    type: 'full-access',
    lifespan: null,
  });
  return token.accessKey as string;
}

/** Logs in as a freshly created super admin and returns the admin API's bearer token. */
export async function adminToken(app: { strapi: Core.Strapi; http: () => import('supertest').Agent }): Promise<string> {
  const email = `editor-${Date.now()}@example.com`;
  const password = 'Editor-Passw0rd';
  const superAdmin = await app.strapi.service('admin::role').getSuperAdmin();
  await app.strapi.service('admin::user').create({
    email,
    firstname: 'Test',
    lastname: 'Editor',
    password,
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  const res = await app.http().post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
}

/** An admin user with a new role that has exactly `actions`, logged in; returns its bearer token. */
export async function adminWithActions(app: { strapi: Core.Strapi; http: () => import('supertest').Agent }, name: string, actions: string[]): Promise<string> {
  const { strapi } = app;
  const role = await strapi.service('admin::role').create({ name: `${name} ${Date.now()}`, description: 'integration test role' });
  if (actions.length > 0) await strapi.service('admin::role').assignPermissions(role.id, actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] })));
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}@example.com`;
  const password = 'Limited-Passw0rd';
  await strapi.service('admin::user').create({ email, firstname: 'Limited', lastname: 'Editor', password, isActive: true, registrationToken: null, roles: [role.id] });
  const res = await app.http().post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
}
