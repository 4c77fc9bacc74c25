import { PUBLIC_ACTIONS } from '../../src/bootstrap/grant-public-permissions';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startTestStrapi, type TestApp } from '../helpers/strapi';

async function publicActions(app: TestApp): Promise<string[]> {
  const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  const rows: Array<{ action: string }> = await app.strapi.db
    .query('plugin::users-permissions.permission')
    .findMany({ where: { role: role.id }, select: ['action'] });
  return rows.map((row) => row.action).sort();
}

describe('bootstrap', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('runs on the configured database client', async () => {
    const app = await startTestStrapi({ database });
    try {
      expect(app.strapi.db.dialect.client).toBe(database.client === 'postgres' ? 'postgres' : 'sqlite');
    } finally {
      await app.stop();
    }
  });

  it('grants the Public role read access once, and keeps an administrator’s later change', async () => {
    const first = await startTestStrapi({ database });
    try {
      const granted = await publicActions(first);
      expect(granted.filter((action) => action.startsWith('api::'))).toEqual([...PUBLIC_ACTIONS].sort());
      // An administrator takes teasers away from the public in Settings.
      await first.strapi.db
        .query('plugin::users-permissions.permission')
        .deleteMany({ where: { action: { $startsWith: 'api::teaser.teaser.' } } });
    } finally {
      await first.stop();
    }

    const second = await startTestStrapi({ database });
    try {
      const after = await publicActions(second);
      expect(after.filter((action) => action.startsWith('api::'))).toEqual([
        'api::article.article.find',
        'api::article.article.findOne',
        'api::author.author.find',
        'api::author.author.findOne',
        'api::category.category.find',
        'api::category.category.findOne',
      ]);
      await second.http().get('/api/teasers').expect(403);
      await second.http().get('/api/articles').expect(200);
    } finally {
      await second.stop();
    }
  });

  it('creates the super admin from ADMIN_EMAIL and ADMIN_PASSWORD only when none exists', async () => {
    const env = { ADMIN_EMAIL: 'Editor@Example.com', ADMIN_PASSWORD: 'Editor-Passw0rd' };
    const app = await startTestStrapi({ env });
    try {
      const login = await app
        .http()
        .post('/admin/login')
        .send({ email: 'editor@example.com', password: 'Editor-Passw0rd' })
        .expect(200);
      expect(login.body.data.token).toEqual(expect.any(String));
      const user = await app.strapi.db
        .query('admin::user')
        .findOne({ where: { email: 'editor@example.com' }, populate: ['roles'] });
      expect(user.roles.map((role: { code: string }) => role.code)).toEqual(['strapi-super-admin']);
      const init = await app.http().get('/admin/init').expect(200);
      expect(init.body.data.hasAdmin).toBe(true);
    } finally {
      await app.stop();
    }
  });

  it('leaves the first-admin screen to Strapi when no ADMIN_EMAIL is set', async () => {
    const app = await startTestStrapi({ env: { ADMIN_EMAIL: undefined, ADMIN_PASSWORD: undefined } });
    try {
      const init = await app.http().get('/admin/init').expect(200);
      expect(init.body.data.hasAdmin).toBe(false);
    } finally {
      await app.stop();
    }
  });
});
