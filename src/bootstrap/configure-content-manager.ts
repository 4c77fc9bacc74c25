import type { Core } from '@strapi/strapi';

/**
 * The Content Manager views editors work in: which columns the lists show, how the edit forms are
 * grouped, and which field names a related entry (a title, not an id).
 *
 * Strapi keeps one view configuration per content type in its core store (key
 * `plugin_content_manager_configuration_content_types::<uid>`) and generates it on boot. This
 * module merges the newsroom's choices into what Strapi generated. It applies each view once per
 * VIEWS_VERSION: an editor may rearrange a view afterwards with "Configure the view" and the
 * change is kept across restarts until a new version of these views is shipped.
 */
export const VIEWS_VERSION = 3;
const APPLIED_KEY = 'content-manager-views';

interface EditField {
  name: string;
  size: number;
}

interface FieldMetadata {
  edit?: Record<string, unknown>;
  list?: Record<string, unknown>;
}

/** What the newsroom sets in a view; everything else stays as Strapi generated it. */
export interface ViewChoices {
  settings?: Record<string, unknown>;
  list: string[];
  edit: EditField[][];
  metadatas: Record<string, FieldMetadata>;
}

/** A stored view configuration as the Content Manager keeps it (only the parts read here). */
export interface StoredView {
  settings?: Record<string, unknown>;
  metadatas?: Record<string, FieldMetadata>;
  layouts?: { list?: string[]; edit?: EditField[][] } & Record<string, unknown>;
  [key: string]: unknown;
}

const row = (...fields: Array<[string, number]>): EditField[] => fields.map(([name, size]) => ({ name, size }));

export const NEWSROOM_VIEWS: Record<string, ViewChoices> = {
  'api::article.article': {
    settings: { mainField: 'title', defaultSortBy: 'publishedOn', defaultSortOrder: 'DESC' },
    list: ['title', 'category', 'authors', 'firstPublishedAt', 'publishedOn', 'truncated', 'sponsor'],
    edit: [
      // The story as readers see it.
      row(['title', 12]),
      row(['dek', 12]),
      row(['body', 12]),
      // Where and when it ran, and who paid for it.
      row(['category', 6], ['publishedOn', 3], ['firstPublishedAt', 3]),
      row(['authors', 12]),
      row(['dateline', 6], ['sponsor', 6]),
      row(['image', 6], ['imageCaption', 6]),
      row(['imageFile', 6], ['slug', 6]),
      // How it links to the rest of the site.
      row(['teaser', 6], ['relatedArticles', 6]),
      // The pages its text came from, and what reading them left behind.
      row(['sources', 12]),
      row(['truncated', 4]),
      // What a page template reads beside the story, derived when the body is saved.
      row(['wordCount', 4], ['readingTime', 4]),
      row(['excerpt', 12]),
      row(['canonicalUrl', 12]),
      row(['seo', 12]),
      row(['pendingRelated', 12]),
      row(['removedChrome', 12]),
    ],
    metadatas: {
      title: { list: { label: 'Title' }, edit: { label: 'Title' } },
      dek: { edit: { label: 'Dek', description: 'The standfirst under the headline.' } },
      body: { edit: { label: 'Body', description: 'Pasted "The Latest" blocks and site chrome are removed when the article is saved.' } },
      category: { list: { label: 'Category', mainField: 'name' }, edit: { label: 'Category', mainField: 'name' } },
      authors: { list: { label: 'Authors', mainField: 'name' }, edit: { label: 'Authors', mainField: 'name' } },
      publishedOn: { list: { label: 'Published on' }, edit: { label: 'Published on', description: 'The date the story ran on the site.' } },
      firstPublishedAt: {
        list: { label: 'First published' },
        edit: {
          label: 'First published',
          description: 'When readers first saw the story: the rail and lists sorted by it follow this, and corrections keep it. Set it to now to bring a story back to the top.',
        },
      },
      sponsor: { list: { label: 'Sponsor' }, edit: { label: 'Sponsor', description: 'Set for sponsored content; its rail card is labelled sponsored.' } },
      dateline: { edit: { label: 'Dateline' } },
      image: { edit: { label: 'Image' } },
      imageFile: { edit: { label: 'Image file (as scraped)' } },
      imageCaption: { edit: { label: 'Image caption' } },
      slug: { edit: { label: 'Slug' } },
      teaser: { edit: { label: 'Teaser', mainField: 'text' }, list: { mainField: 'text' } },
      relatedArticles: { edit: { label: 'Related articles', mainField: 'title' }, list: { mainField: 'title' } },
      sources: { edit: { label: 'Sources', description: 'The pages whose text this article carries. Every other copy read is listed in the Merged copies panel.' } },
      truncated: { list: { label: 'Cut off' }, edit: { label: 'Truncated scrape', editable: false } },
      wordCount: { edit: { label: 'Words', editable: false } },
      readingTime: { edit: { label: 'Reading time (minutes)', editable: false } },
      excerpt: { edit: { label: 'Excerpt', description: 'The opening of the first paragraph, set when the body is saved.', editable: false } },
      canonicalUrl: { edit: { label: 'Canonical URL', description: 'The public address of the first page the story was read from.', editable: false } },
      seo: { edit: { label: 'SEO', description: 'Empty fields take the title, the dek (or excerpt) and the image caption when the article is saved.' } },
      pendingRelated: { edit: { label: 'Related titles not found yet', editable: false } },
      removedChrome: { edit: { label: 'Site chrome removed from the body', editable: false } },
    },
  },
  'api::teaser.teaser': {
    settings: { mainField: 'text', defaultSortBy: 'lastSeenAt', defaultSortOrder: 'DESC' },
    list: ['text', 'kind', 'sponsor', 'timesSeen', 'lastSeenAt', 'article'],
    edit: [
      row(['text', 12]),
      row(['kind', 6], ['sponsor', 6]),
      row(['article', 12]),
      row(['firstSeenAt', 6], ['lastSeenAt', 6]),
      row(['timesSeen', 4], ['fragment', 4]),
    ],
    metadatas: {
      text: { list: { label: 'Text' }, edit: { label: 'Text', description: 'The card as the rail shows it.' } },
      kind: { list: { label: 'Kind' }, edit: { label: 'Kind' } },
      sponsor: { list: { label: 'Sponsor' }, edit: { label: 'Sponsor' } },
      timesSeen: { list: { label: 'Times seen' }, edit: { label: 'Times seen', editable: false } },
      article: { list: { label: 'Article', mainField: 'title' }, edit: { label: 'Article', mainField: 'title' } },
      firstSeenAt: { edit: { label: 'First seen', editable: false } },
      lastSeenAt: { list: { label: 'Last seen' }, edit: { label: 'Last seen', editable: false } },
      fragment: { edit: { label: 'Cut off by the scrape', description: 'Only the start of a card: never shown in the rail as a card of its own.', editable: false } },
    },
  },
  'api::category.category': {
    settings: { mainField: 'name', defaultSortBy: 'name', defaultSortOrder: 'ASC' },
    list: ['name', 'slug', 'articles'],
    edit: [row(['name', 6], ['slug', 6]), row(['description', 12]), row(['articles', 12])],
    metadatas: {
      name: { list: { label: 'Name' }, edit: { label: 'Name' } },
      slug: { list: { label: 'Slug' }, edit: { label: 'Slug' } },
      articles: { list: { label: 'Articles', mainField: 'title' }, edit: { label: 'Articles', mainField: 'title' } },
    },
  },
  'api::author.author': {
    settings: { mainField: 'name', defaultSortBy: 'name', defaultSortOrder: 'ASC' },
    list: ['name', 'role', 'articles'],
    edit: [row(['name', 6], ['slug', 6]), row(['role', 6], ['headshotCaption', 6]), row(['bio', 12]), row(['publicEmail', 6], ['email', 6]), row(['articles', 12])],
    metadatas: {
      name: { list: { label: 'Name' }, edit: { label: 'Name' } },
      role: { list: { label: 'Role' }, edit: { label: 'Role', description: 'Columnist, managing editor …' } },
      bio: { edit: { label: 'Bio' } },
      publicEmail: { edit: { label: 'Email shown to readers', description: 'Public: the address the author box shows on the site.' } },
      email: { edit: { label: 'Contact email', description: 'Editors only; never in the public API.' } },
      headshotCaption: { edit: { label: 'Headshot caption' } },
      articles: { list: { label: 'Articles', mainField: 'title' }, edit: { label: 'Articles', mainField: 'title' } },
    },
  },
};

/**
 * The stored view with the newsroom's choices merged in: Strapi's generated settings and
 * metadata stay unless a choice overrides them; the list columns and the edit rows are replaced.
 * Fields the schema does not have are left out, so a renamed field cannot break the view.
 */
export function mergeView(stored: StoredView, choices: ViewChoices, attributes: readonly string[]): StoredView {
  const known = new Set(attributes);
  const metadatas: Record<string, FieldMetadata> = { ...(stored.metadatas ?? {}) };
  for (const [name, meta] of Object.entries(choices.metadatas)) {
    if (!known.has(name)) continue;
    const current = metadatas[name] ?? {};
    metadatas[name] = {
      ...current,
      edit: { ...(current.edit ?? {}), ...(meta.edit ?? {}) },
      list: { ...(current.list ?? {}), ...(meta.list ?? {}) },
    };
  }
  const edit = choices.edit.map((fields) => fields.filter((field) => known.has(field.name))).filter((fields) => fields.length > 0);
  return {
    ...stored,
    settings: { ...(stored.settings ?? {}), ...(choices.settings ?? {}) },
    metadatas,
    layouts: { ...(stored.layouts ?? {}), list: choices.list.filter((name) => known.has(name)), edit },
  };
}

interface ContentTypesService {
  findConfiguration(contentType: { uid: string }): Promise<StoredView>;
  updateConfiguration(contentType: { uid: string }, configuration: StoredView): Promise<unknown>;
}

/**
 * Applies NEWSROOM_VIEWS once per VIEWS_VERSION (remembered in the core store). Runs in the app's
 * bootstrap, after the Content Manager has generated its own configurations.
 */
export async function configureContentManager(strapi: Core.Strapi): Promise<string[]> {
  const store = strapi.store({ type: 'app', name: 'newsroom', key: APPLIED_KEY });
  const applied = (await store.get({})) as { version?: number } | null;
  if (applied?.version === VIEWS_VERSION) return [];

  const contentTypes = strapi.plugin('content-manager').service('content-types') as ContentTypesService;
  const configured: string[] = [];
  for (const [uid, choices] of Object.entries(NEWSROOM_VIEWS)) {
    const model = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
    if (!model) continue;
    const stored = await contentTypes.findConfiguration({ uid });
    await contentTypes.updateConfiguration({ uid }, mergeView(stored, choices, Object.keys(model.attributes)));
    configured.push(uid);
  }
  await store.set({ value: { version: VIEWS_VERSION, appliedAt: new Date().toISOString() } });
  return configured;
}
