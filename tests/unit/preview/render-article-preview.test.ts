import { createHash } from 'crypto';
import { linesToBlocks } from '../../../src/plugins/newsroom/server/src/blocks';
import { renderArticlePreview, type ArticlePreview } from '../../../src/plugins/newsroom/server/src/preview/render-article-preview';

const DRAFT: ArticlePreview = {
  status: 'draft',
  title: 'Quarry Lane Jewelers Opens a <Repair> Studio',
  dek: 'Four bench jewelers take walk-in repairs.',
  category: 'Retail',
  sponsor: null,
  authors: [
    { name: 'Dana Whitlock', role: 'columnist' },
    { name: 'Marcus Reyes', role: null },
  ],
  dateline: 'PORTLAND, Ore.',
  date: null,
  readingTime: 2,
  imageCaption: null,
  body: [
    ...linesToBlocks(['The studio opened on Monday.', '- Ring sizing', '- Stone setting', 'See the <a href="https://example.com/menu">repair menu</a> online.']),
    // An editor's text that looks like markup.
    { type: 'paragraph', children: [{ type: 'text', text: 'Bring a ring <b>before</b> noon.' }] },
  ] as never,
  card: { position: null, text: 'Four bench jewelers take walk-in repairs.' },
};

describe('renderArticlePreview', () => {
  it('renders what a reader sees: kicker, escaped title, dek, byline, dateline, body blocks and the rail card', () => {
    const { html } = renderArticlePreview(DRAFT);
    expect(html.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true);
    expect(html).toContain('<p class="kicker">Retail</p>');
    expect(html).toContain('<h1 data-preview="title">Quarry Lane Jewelers Opens a &lt;Repair&gt; Studio</h1>');
    expect(html).toContain('By Dana Whitlock, columnist and Marcus Reyes');
    expect(html).toContain('PORTLAND, Ore. · Not yet published · 2 min read');
    expect(html).toContain('<p>The studio opened on Monday.</p>');
    expect(html).toContain('<ul><li>Ring sizing</li><li>Stone setting</li></ul>');
    expect(html).toContain('<p>See the <a href="https://example.com/menu">repair menu</a> online.</p>');
    // Text that looks like markup stays text.
    expect(html).toContain('Bring a ring &lt;b&gt;before&lt;/b&gt; noon.');
    expect(html).toContain('Not in The Latest until it is published; its card will read');
    expect(html).toContain('<blockquote>Four bench jewelers take walk-in repairs.</blockquote>');
  });

  it('shows a published article with its first publication date and its place in the rail', () => {
    const { html } = renderArticlePreview({ ...DRAFT, status: 'published', date: '2026-11-30T15:00:00.000Z', card: { position: 3, text: 'A card text.' } });
    expect(html).toContain('<span class="status published" data-preview="status">Published</span>');
    expect(html).toContain('PORTLAND, Ore. · November 30, 2026 · 2 min read');
    expect(html).toContain('<p>Card 3 in The Latest</p>');
  });

  it('allows only its own style and script, and framing by this origin only', () => {
    const { html, contentSecurityPolicy } = renderArticlePreview(DRAFT);
    const hash = (source: string) => `'sha256-${createHash('sha256').update(source).digest('base64')}'`;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(contentSecurityPolicy).toContain(`script-src ${hash(script)}`);
    expect(contentSecurityPolicy).toContain(`style-src ${hash(style)}`);
    expect(contentSecurityPolicy.startsWith("default-src 'none';")).toBe(true);
    expect(contentSecurityPolicy).toContain("frame-ancestors 'self'");
    expect(html.match(/<script>/g)).toHaveLength(1);
  });
});
