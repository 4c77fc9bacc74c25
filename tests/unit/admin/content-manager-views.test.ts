import { mergeView, NEWSROOM_VIEWS, type StoredView } from '../../../src/bootstrap/configure-content-manager';
import article from '../../../src/api/article/content-types/article/schema.json';
import teaser from '../../../src/api/teaser/content-types/teaser/schema.json';
import category from '../../../src/api/category/content-types/category/schema.json';
import author from '../../../src/api/author/content-types/author/schema.json';

const SCHEMAS: Record<string, { attributes: Record<string, unknown> }> = {
  'api::article.article': article,
  'api::teaser.teaser': teaser,
  'api::category.category': category,
  'api::author.author': author,
};

/** A stored view as Strapi generates it: settings, per-field metadata, a default layout. */
const generated = (): StoredView => ({
  uid: 'api::article.article',
  settings: { bulkable: true, filterable: true, searchable: true, pageSize: 10, mainField: 'title', defaultSortBy: 'title', defaultSortOrder: 'ASC' },
  metadatas: {
    title: { edit: { label: 'title', description: '', placeholder: '', visible: true, editable: true }, list: { label: 'title', searchable: true, sortable: true } },
    category: { edit: { label: 'category', visible: true, editable: true, mainField: 'name' }, list: { label: 'category', searchable: true, sortable: true } },
  },
  layouts: { list: ['id', 'title', 'slug', 'dek'], edit: [[{ name: 'title', size: 6 }]] },
});

describe('the Content Manager views', () => {
  it('sets the Article list columns and keeps Strapi generated settings it does not choose', () => {
    const merged = mergeView(generated(), NEWSROOM_VIEWS['api::article.article'], Object.keys(article.attributes));
    expect(merged.layouts?.list).toEqual(['title', 'category', 'authors', 'firstPublishedAt', 'publishedOn', 'truncated', 'sponsor']);
    expect(merged.settings).toMatchObject({ pageSize: 10, bulkable: true, mainField: 'title', defaultSortBy: 'publishedOn', defaultSortOrder: 'DESC' });
    expect(merged.uid).toBe('api::article.article');
  });

  it('names related entries by their title or name, in lists and in edit forms', () => {
    const merged = mergeView(generated(), NEWSROOM_VIEWS['api::article.article'], Object.keys(article.attributes));
    expect(merged.metadatas?.category).toMatchObject({ list: { label: 'Category', mainField: 'name', sortable: true }, edit: { mainField: 'name', visible: true } });
    expect(merged.metadatas?.teaser?.edit?.mainField).toBe('text');
    const teaserView = mergeView({}, NEWSROOM_VIEWS['api::teaser.teaser'], Object.keys(teaser.attributes));
    expect(teaserView.layouts?.list).toEqual(['text', 'kind', 'sponsor', 'timesSeen', 'lastSeenAt', 'article']);
    expect(teaserView.metadatas?.article?.list?.mainField).toBe('title');
  });

  it('leaves out fields the schema does not have', () => {
    const merged = mergeView(generated(), NEWSROOM_VIEWS['api::article.article'], ['title', 'body']);
    expect(merged.layouts?.list).toEqual(['title']);
    expect(merged.layouts?.edit).toEqual([[{ name: 'title', size: 12 }], [{ name: 'body', size: 12 }]]);
    expect(Object.keys(merged.metadatas ?? {}).sort()).toEqual(['body', 'category', 'title']);
  });

  it('merging twice gives the same view (applying it again changes nothing)', () => {
    const once = mergeView(generated(), NEWSROOM_VIEWS['api::article.article'], Object.keys(article.attributes));
    expect(mergeView(once, NEWSROOM_VIEWS['api::article.article'], Object.keys(article.attributes))).toEqual(once);
  });

  it.each(Object.keys(NEWSROOM_VIEWS))('%s: every schema field is in the edit form once, in rows of at most 12 columns', (uid) => {
    const view = NEWSROOM_VIEWS[uid];
    const attributes = Object.keys(SCHEMAS[uid].attributes);
    const placed = view.edit.flat().map((field) => field.name);
    expect(placed.filter((name) => !attributes.includes(name))).toEqual([]);
    expect(new Set(placed).size).toBe(placed.length);
    // A field left out of the edit form could not be edited at all.
    expect(attributes.filter((name) => !placed.includes(name))).toEqual([]);
    expect(view.list.filter((name) => !attributes.includes(name))).toEqual([]);
    for (const row of view.edit) expect(row.reduce((sum, field) => sum + field.size, 0)).toBeLessThanOrEqual(12);
  });
});
