import { createHash } from 'crypto';
import { createElement as h, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { BlocksRenderer, type BlocksContent } from '@strapi/blocks-react-renderer';
import type { PreviewStatus } from './preview-link';

/** What the preview page shows of an article: what a reader's page carries, plus its state. */
export interface ArticlePreview {
  status: PreviewStatus;
  title: string;
  dek: string | null;
  category: string | null;
  sponsor: string | null;
  authors: Array<{ name: string; role: string | null }>;
  dateline: string | null;
  /** The date a reader sees (first publication, else the page's date), ISO 8601; null for a draft never published. */
  date: string | null;
  readingTime: number | null;
  imageCaption: string | null;
  body: BlocksContent;
  /** Its card in the Latest rail: where it stands now (null: not on the rail), and its text. */
  card: { position: number | null; text: string };
}

// The Content Manager posts "strapiUpdate" to the preview frame when the editor saves: show the new version.
const RELOAD_ON_SAVE = `addEventListener('message',function(e){if(e.source===parent&&e.data&&e.data.type==='strapiUpdate')location.reload()});`;

const STYLE = `body{font:17px/1.6 Georgia,serif;color:#1d1d1f;max-width:42rem;margin:2rem auto;padding:0 1rem}
header p{margin:.25rem 0}.status{font:600 12px/1 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.08em;padding:.35rem .6rem;border-radius:4px;display:inline-block}
.status.draft{background:#fdf4dc;color:#8a5300}.status.published{background:#eafbe7;color:#2f6846}
.kicker,.byline,.meta,.card{font-family:system-ui,sans-serif;font-size:14px;color:#555}.kicker{text-transform:uppercase;letter-spacing:.06em}
h1{font-size:2.2rem;line-height:1.15;margin:.5rem 0}.dek{font-size:1.25rem;color:#333}figure{margin:1rem 0;font-style:italic;color:#555}
aside.card{margin-top:3rem;border-top:1px solid #ddd;padding-top:1rem}aside.card blockquote{margin:.5rem 0;font:16px/1.4 system-ui,sans-serif;color:#1d1d1f}`;

const hashOf = (source: string) => `'sha256-${createHash('sha256').update(source).digest('base64')}'`;

/** Only our own style and script run; the page may be framed only by the admin on this origin. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${hashOf(STYLE)}`,
  `script-src ${hashOf(RELOAD_ON_SAVE)}`,
  "img-src 'self' https: data:",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

function byline(authors: ArticlePreview['authors']): ReactNode {
  if (authors.length === 0) return null;
  const names = authors.map((author) => (author.role ? `${author.name}, ${author.role}` : author.name));
  return h('p', { className: 'byline', 'data-preview': 'byline' }, `By ${names.join(' and ')}`);
}

function railCard(card: ArticlePreview['card'], status: PreviewStatus): ReactNode {
  const where =
    card.position !== null
      ? `Card ${card.position} in The Latest`
      : status === 'draft'
        ? 'Not in The Latest until it is published; its card will read'
        : 'Not among the cards The Latest shows now; its card reads';
  return h('aside', { className: 'card', 'data-preview': 'card' }, h('p', null, where), h('blockquote', null, card.text));
}

/**
 * The preview page of one article as a reader would see it, a whole HTML document. React escapes
 * every text; the body goes through Strapi's own blocks renderer, as a frontend's would.
 */
export function renderArticlePreview(article: ArticlePreview): { html: string; contentSecurityPolicy: string } {
  const meta = [article.dateline, article.date ? dateFormat.format(new Date(article.date)) : 'Not yet published', article.readingTime ? `${article.readingTime} min read` : null]
    .filter(Boolean)
    .join(' · ');
  const page = h(
    'html',
    { lang: 'en' },
    h(
      'head',
      null,
      h('meta', { charSet: 'utf-8' }),
      h('meta', { name: 'robots', content: 'noindex' }),
      h('title', null, `Preview: ${article.title}`),
      h('style', { dangerouslySetInnerHTML: { __html: STYLE } }),
      h('script', { dangerouslySetInnerHTML: { __html: RELOAD_ON_SAVE } })
    ),
    h(
      'body',
      null,
      h(
        'header',
        null,
        h('span', { className: `status ${article.status}`, 'data-preview': 'status' }, article.status === 'draft' ? 'Draft' : 'Published'),
        article.category ? h('p', { className: 'kicker' }, article.category) : null,
        article.sponsor ? h('p', { className: 'kicker' }, `Sponsored by ${article.sponsor}`) : null,
        h('h1', { 'data-preview': 'title' }, article.title),
        article.dek ? h('p', { className: 'dek', 'data-preview': 'dek' }, article.dek) : null,
        byline(article.authors),
        h('p', { className: 'meta' }, meta)
      ),
      article.imageCaption ? h('figure', null, h('figcaption', null, article.imageCaption)) : null,
      h('article', { 'data-preview': 'body' }, h(BlocksRenderer, { content: article.body })),
      railCard(article.card, article.status)
    )
  );
  return { html: `<!DOCTYPE html>${renderToStaticMarkup(page)}`, contentSecurityPolicy: CONTENT_SECURITY_POLICY };
}
