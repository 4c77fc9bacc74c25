import http from 'http';
import path from 'path';
import type { AddressInfo } from 'net';
import type { Browser, Page } from 'playwright-core';
import { linesToBlocks } from '../../src/plugins/newsroom/server/src/blocks';
import { createArticle } from '../helpers/content';
import { APP_DIR } from '../helpers/paths';
import { startTestStrapi, type TestApp } from '../helpers/strapi';
import { chromiumIsInstalled, CHROMIUM_PATH, launchChromium, logIn, pasteText, screenshot } from './browser';

/**
 * An editor's day in the real admin panel, in Debian's Chromium: sign in, write and publish an
 * article into whose body a "The Latest" rail block was pasted, find it cleaned and first in the
 * Latest rail on the Newsroom page, upload sample pages, see the merge they make, keep a repeated
 * line, and add a rebuild webhook target (a receiver on 127.0.0.1) that a publish is delivered to.
 */
const ADMIN_EMAIL = 'e2e-editor@example.com';
const ADMIN_PASSWORD = 'E2e-Editor-Passw0rd';

// Our own text. The story's two paragraphs, then a rail block as it comes along when an editor
// copies a whole page from the live site.
const TITLE = 'Quarry Lane Jewelers Opens a Repair Studio';
const STORY = [
  'Quarry Lane Jewelers has opened a repair studio beside its flagship store on Orchard Street.',
  'The studio takes walk-in repairs six days a week and employs four bench jewelers.',
];
const PASTED_RAIL = ['The Latest', 'A regional chain adds a fourth store in a restored bank building.', 'Sponsored by Example Tools', 'Retailers said bridal traffic held steady this spring.'];
const SEED_PAGE = path.join(APP_DIR, 'data', 'sample-pages', 'halvorsen-antwerp-rail-a.txt');
const SEED_TITLE = 'Halvorsen Gem Labs Opens Grading Center in Antwerp';
// The same story scraped from another page: uploading it merges into the first.
const SEED_COPY = path.join(APP_DIR, 'data', 'sample-pages', 'halvorsen-antwerp-rail-b.txt');
// A line two of our articles share: the boilerplate ledger lists it.
const SHARED_LINE = 'Write to the bench desk with your repair questions.';

const describeWithChromium = chromiumIsInstalled() ? describe : describe.skip;
if (!chromiumIsInstalled()) {
  console.warn(`Skipping the browser test: ${CHROMIUM_PATH} is missing (apt-get install chromium).`);
}

interface Block {
  type: string;
  children?: Array<{ text?: string }>;
}
const blockTexts = (body: unknown) =>
  ((body as Block[] | null) ?? []).map((block) => (block.children ?? []).map((child) => child.text ?? '').join(''));

describeWithChromium('the admin panel for editors (Chromium)', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let receiver: http.Server;
  let delivered = 0;

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        delivered += 1;
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    app = await startTestStrapi({
      env: {
        ADMIN_EMAIL,
        ADMIN_PASSWORD,
        SEED_SAMPLE_CONTENT: 'false',
        RAIL_ASSEMBLE_DELAY_MS: '50',
        REBUILD_WEBHOOK_QUIET_MS: '200',
        REBUILD_WEBHOOK_POLL_MS: '100',
      },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.setDefaultTimeout(60000);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    receiver?.closeAllConnections();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  });

  /** Clicks the tab's Refresh until `selector` shows up (the server works on it in the background). */
  async function refreshUntil(selector: string): Promise<void> {
    for (let attempt = 0; attempt < 40 && (await page.locator(selector).count()) === 0; attempt += 1) {
      await page.waitForTimeout(500);
      await page.getByRole('button', { name: 'Refresh' }).click();
    }
    await page.locator(selector).first().waitFor();
  }

  /** Opens the Newsroom page, so a test that needs it does not rely on where the one before it ended. */
  async function openNewsroomPage(): Promise<void> {
    await page.goto(`${app.url}/admin/plugins/newsroom`);
    await page.getByRole('heading', { name: 'Newsroom' }).waitFor();
  }

  it('signs in with the administrator created from ADMIN_EMAIL', async () => {
    await logIn(page, app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    // The plugin's menu link, shown because the super admin has the Newsroom "read" action.
    await page.getByRole('link', { name: 'Newsroom' }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Newsroom' }).count()).toBeGreaterThan(0);
    // Its own icon, not the Content Manager's beside it.
    const icon = async (name: string) => page.getByRole('link', { name }).first().locator('svg').first().innerHTML();
    expect(await icon('Newsroom')).not.toBe(await icon('Content Manager'));
    await screenshot(page, '01-home');
  });

  it('publishes an article whose pasted body carried a "The Latest" block, and stores it clean', async () => {
    await page.goto(`${app.url}/admin/content-manager/collection-types/api::article.article/create`);
    await page.locator('input[name="title"]').fill(TITLE);
    await pasteText(page, '[contenteditable="true"]', [...STORY, ...PASTED_RAIL].join('\n'));
    await page.getByText(PASTED_RAIL[1]).waitFor();
    await screenshot(page, '03-article-pasted');

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/published/i).first().waitFor();
    await screenshot(page, '04-article-published');

    const stored = await app.strapi.documents('api::article.article').findFirst({ filters: { title: TITLE }, status: 'published' });
    expect(stored).not.toBeNull();
    expect(blockTexts(stored!.body).filter((text) => text.trim() !== '')).toEqual(STORY);
  });

  it('lists the article under the newsroom columns', async () => {
    await page.goto(`${app.url}/admin/content-manager/collection-types/api::article.article`);
    const headers = page.locator('thead th');
    await page.locator('tbody tr').first().waitFor();
    // innerText follows the headers' CSS (upper case), so compare without case.
    const texts = (await headers.allInnerTexts()).map((text) => text.trim().toLowerCase()).filter(Boolean);
    expect(texts).toEqual(['title', 'category', 'authors', 'first published', 'published on', 'cut off', 'sponsor', 'status']);
    expect(await page.locator('tbody').innerText()).toContain(TITLE);
    await screenshot(page, '02-article-list');
  });

  it('shows the article first in the Latest rail on the Newsroom page', async () => {
    await openNewsroomPage();
    const firstCard = page.locator('[data-testid="rail-card"]').first();
    // The rail is assembled moments after a publish; Refresh reads it again until a card is there.
    for (let attempt = 0; attempt < 20 && (await page.locator('[data-testid="rail-card"]').count()) === 0; attempt += 1) {
      await page.waitForTimeout(500);
      await page.getByRole('button', { name: 'Refresh' }).click();
    }
    expect(await firstCard.innerText()).toContain(TITLE);
    expect(await firstCard.getAttribute('data-kind')).toBe('editorial');
    await screenshot(page, '05-newsroom-rail');
  });

  it('pins a card to the top of the rail and hides another, with confirmation, and the public rail follows at once', async () => {
    for (const title of ['A Later Story on Bench Repairs', 'The Newest Story on Pearl Grading']) {
      await createArticle(app.strapi, { title, dek: `Card text of ${title}.`, body: [`What ${title} reports, in a line of its own.`], publish: true });
    }
    await openNewsroomPage();
    await refreshUntil('[data-testid="rail-card"]:has-text("Card text of The Newest Story")');
    const cards = page.locator('[data-testid="rail-card"]');
    expect(await cards.first().innerText()).toContain('Card text of The Newest Story');

    // Pin the oldest story (third) to position 1.
    await cards.filter({ hasText: TITLE }).getByRole('button', { name: 'Pin' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Pin this card?').waitFor();
    await screenshot(page, '05a-rail-pin-dialog');
    await dialog.getByRole('button', { name: 'Pin' }).click();
    await page.locator('[data-testid="rail-card"][data-pinned="true"]').first().waitFor();
    expect(await cards.first().innerText()).toContain(TITLE);
    // innerText follows the badge's CSS (upper case).
    expect(await cards.first().innerText()).toMatch(/pinned to 1/i);
    const publicRail = async () => (await app.http().get('/api/latest-rail?limit=5').expect(200)).body.data.cards as Array<{ article: { title: string } | null }>;
    expect((await publicRail())[0].article?.title).toBe(TITLE);

    // Hide the later story: it leaves the public rail, and the list of decisions shows both.
    await cards.filter({ hasText: 'Card text of A Later Story' }).getByRole('button', { name: 'Hide' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Hide' }).click();
    await page.locator('[data-testid="curation-row"]').nth(1).waitFor();
    expect((await publicRail()).map((card) => card.article?.title)).not.toContain('A Later Story on Bench Repairs');
    const rows = await page.locator('[data-testid="curation-row"]').allInnerTexts();
    expect(rows.join('\n')).toMatch(/Hidden/);
    expect(rows.join('\n')).toMatch(/Pinned to 1/);
    await screenshot(page, '05b-rail-curated');

    // Unhide and unpin: the rail follows publication again.
    for (const [name, left] of [['Unhide', 1], ['Unpin', 0]] as const) {
      await page.locator('[data-testid="curation-row"]').getByRole('button', { name }).first().click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Clear' }).click();
      await page.locator('[data-testid="curation-row"]').nth(left).waitFor({ state: 'detached' });
    }
    await page.getByText('No card is pinned or hidden').waitFor();
    expect((await publicRail())[0].article?.title).toBe('The Newest Story on Pearl Grading');
  });

  it('uploads a sample page and shows its report', async () => {
    await page.getByRole('tab', { name: 'Upload pages' }).click();
    await page.locator('[data-testid="ingest-files"]').setInputFiles(SEED_PAGE);
    const report = page.locator('[data-testid="ingest-report"]').first();
    await report.waitFor();
    await page.getByText('1 of 1 file read').waitFor();
    expect(await report.getAttribute('data-status')).toBe('created');
    const row = await report.innerText();
    expect(row).toContain(path.basename(SEED_PAGE));
    expect(row).toContain(SEED_TITLE);
    await screenshot(page, '06-newsroom-upload');

    const stored = await app.strapi.documents('api::article.article').findFirst({ filters: { title: SEED_TITLE } });
    expect(stored?.documentId).toBeTruthy();
  });

  it('lists the merge of another copy of the uploaded story under Recent merges', async () => {
    await page.locator('[data-testid="ingest-files"]').setInputFiles(SEED_COPY);
    await page.locator('[data-testid="ingest-report"][data-status="merged"]').waitFor();
    await page.getByRole('tab', { name: 'Recent merges' }).click();
    const row = page.locator('[data-testid="merge-row"]').first();
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain(path.basename(SEED_COPY));
    expect(text).toContain(SEED_TITLE);
    await screenshot(page, '07-newsroom-merges');
  });

  it('shows the merged copy in the "Merged copies" panel of the article in the Content Manager', async () => {
    const stored = await app.strapi.documents('api::article.article').findFirst({ filters: { title: SEED_TITLE } });
    await page.goto(`${app.url}/admin/content-manager/collection-types/api::article.article/${stored?.documentId}`);
    // The panel's heading, not its "Loading merged copies…" line, which also holds those words.
    await page.getByRole('heading', { name: 'Merged copies' }).waitFor();
    const copy = page.locator('[data-testid="merged-copy"]').first();
    await copy.waitFor();
    expect(await copy.innerText()).toContain(path.basename(SEED_COPY));
    await screenshot(page, '07b-article-merged-copies');
  });

  it('splits the merged copy back out as its own article, after confirmation', async () => {
    await openNewsroomPage();
    await page.getByRole('tab', { name: 'Recent merges' }).click();
    const row = page.locator('[data-testid="merge-row"][data-action="merge"]', { hasText: path.basename(SEED_COPY) }).first();
    await row.getByRole('button', { name: 'Split out' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Split this copy out?').waitFor();
    await screenshot(page, '07c-merge-split-dialog');
    await dialog.getByRole('button', { name: 'Split out' }).click();
    await page.locator('[data-testid="merge-row"][data-action="split"]').first().waitFor();
    await row.getByRole('link', { name: 'Its own article' }).waitFor();
    await screenshot(page, '07d-merge-split');

    // The Content Manager's list shows both at once.
    await page.goto(`${app.url}/admin/content-manager/collection-types/api::article.article?_q=${encodeURIComponent(SEED_TITLE)}`);
    await page.locator('tbody tr', { hasText: SEED_TITLE }).nth(1).waitFor();
    expect(await page.locator('tbody tr', { hasText: SEED_TITLE }).count()).toBe(2);

    // Two articles now (the upload made drafts; the split-out one is published), each carrying the
    // one page it was read from.
    const copies = await app.strapi.documents('api::article.article').findMany({ filters: { title: SEED_TITLE }, status: 'draft', populate: ['sources'] });
    const files = copies.map((copy) => ((copy as { sources?: Array<{ file?: string | null }> }).sources ?? []).map((source) => path.basename(source.file ?? '')));
    expect(files.sort()).toEqual([[path.basename(SEED_PAGE)], [path.basename(SEED_COPY)]].sort());
  });

  it('lists a line two articles share in the boilerplate ledger, and keeps it when switched to "Not boilerplate"', async () => {
    for (const title of ['Bench Desk: Resizing A Signet Ring', 'Bench Desk: Restringing Pearls']) {
      await app.strapi.documents('api::article.article').create({ data: { title, body: linesToBlocks([`${title}, answered.`, SHARED_LINE]) as never } });
    }
    await openNewsroomPage();
    await page.getByRole('tab', { name: 'Boilerplate' }).click();
    await refreshUntilRow();
    const row = page.locator('[data-testid="boilerplate-row"]', { hasText: SHARED_LINE });
    expect(await row.innerText()).toContain('2');
    await page.getByRole('switch', { name: `Not boilerplate: ${SHARED_LINE}` }).click();
    await page.locator(`[role="switch"][aria-label="Not boilerplate: ${SHARED_LINE}"][aria-checked="true"]`).waitFor();
    const { entries } = await app.strapi.plugin('newsroom').service('boilerplate').list({ pageSize: 100 });
    expect((entries as Array<{ line: string; keep: boolean }>).find((entry) => entry.line === SHARED_LINE)).toMatchObject({ keep: true });
    await screenshot(page, '08-newsroom-boilerplate');

    // The ledger tab has no Refresh button: switching tabs away and back reloads it.
    async function refreshUntilRow(): Promise<void> {
      for (let attempt = 0; attempt < 20 && (await page.locator('[data-testid="boilerplate-row"]', { hasText: SHARED_LINE }).count()) === 0; attempt += 1) {
        await page.waitForTimeout(500);
        await page.getByRole('tab', { name: 'Recent merges' }).click();
        await page.getByRole('tab', { name: 'Boilerplate' }).click();
      }
    }
  });

  it('adds a rebuild webhook target and shows the delivery a publish sends to it', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/rebuild`;
    await openNewsroomPage();
    await page.getByRole('tab', { name: 'Rebuild webhooks' }).click();
    await page.getByPlaceholder('https://frontend.example/api/rebuild').fill(url);
    await page.getByRole('button', { name: 'Add target' }).click();
    await page.locator('[data-testid="webhook-target"]', { hasText: url }).waitFor();

    await app.strapi.documents('api::article.article').create({
      data: { title: 'Webhook Story: Platinum Prices Ease', body: linesToBlocks(['Platinum prices eased this week.']) as never },
      status: 'published',
    });
    await refreshUntil('[data-testid="webhook-delivery"]');
    const row = page.locator('[data-testid="webhook-delivery"]').first();
    // innerText follows the badge's CSS (upper case), so compare without case.
    const rowText = async () => (await row.innerText()).toLowerCase();
    for (let attempt = 0; attempt < 40 && !(await rowText()).includes('delivered'); attempt += 1) {
      await page.waitForTimeout(500);
      await page.getByRole('button', { name: 'Refresh' }).click();
    }
    const text = await rowText();
    expect(text).toContain(url);
    expect(text).toContain('delivered');
    // The first delivery to a new target is number 1 of its stream.
    expect(text).toContain('#1');
    expect(delivered).toBeGreaterThanOrEqual(1);
    await screenshot(page, '09-newsroom-webhooks');
  });

  it('previews a draft in the Content Manager as a reader will see it', async () => {
    const draft = await app.strapi.documents('api::article.article').create({
      data: {
        title: 'Preview Draft: Opal Auction Sets a Record',
        dek: 'A black opal sold for twice its estimate.',
        body: linesToBlocks(['The auction house said bidding lasted eleven minutes.', '1. Black opal', '2. Boulder opal']) as never,
      },
    });
    await page.goto(`${app.url}/admin/content-manager/collection-types/api::article.article/${draft.documentId}`);
    await page.getByRole('link', { name: 'Open preview' }).click();
    const frame = page.frameLocator('[data-testid="preview-iframe"]');
    await frame.locator('h1[data-preview="title"]').waitFor();
    expect(await frame.locator('h1[data-preview="title"]').innerText()).toBe('Preview Draft: Opal Auction Sets a Record');
    expect((await frame.locator('[data-preview="status"]').innerText()).toLowerCase()).toBe('draft');
    expect(await frame.locator('[data-preview="dek"]').innerText()).toBe('A black opal sold for twice its estimate.');
    expect(await frame.locator('[data-preview="body"] ol li').allInnerTexts()).toEqual(['Black opal', 'Boulder opal']);
    expect(await frame.locator('[data-preview="card"]').innerText()).toContain('Not in The Latest until it is published');
    await screenshot(page, '10-preview-draft');
  });

  it('lists teasers and categories under the newsroom columns', async () => {
    await createArticle(app.strapi, { title: 'Bridal Counters Report a Busy Spring', category: 'Bridal', publish: true });
    const columns = async (uid: string) => {
      await page.goto(`${app.url}/admin/content-manager/collection-types/${uid}`);
      await page.locator('tbody tr').first().waitFor();
      return (await page.locator('thead th').allInnerTexts()).map((text) => text.trim().toLowerCase()).filter(Boolean);
    };
    expect(await columns('api::teaser.teaser')).toEqual(['text', 'kind', 'sponsor', 'times seen', 'last seen', 'article']);
    expect(await columns('api::category.category')).toEqual(['name', 'slug', 'articles']);
    // A category's articles are counted in its row, not listed.
    const bridal = page.locator('tbody tr', { hasText: 'Bridal' });
    expect(await bridal.innerText()).toMatch(/\b1 item\b/i);
    await screenshot(page, '06b-category-list');
  });

  it('filters the article list by author', async () => {
    const reyes = await app.strapi.documents('api::author.author').create({ data: { name: 'Marcus Reyes', role: 'managing editor' } });
    await app.strapi.documents('api::article.article').create({
      data: { title: 'Editor’s Note: Why We Name Origins First', authors: [reyes.documentId], body: linesToBlocks(['We name a stone’s origin first.']) as never },
      status: 'published',
    });
    // The filter the list's Filters menu sets for "Authors is Marcus Reyes", as its URL keeps it.
    const filter = new URLSearchParams({ 'filters[$and][0][authors][name][$eq]': 'Marcus Reyes', page: '1' });
    await page.goto(`${app.url}/admin/content-manager/collection-types/api::article.article?${filter}`);
    await page.locator('tbody tr').first().waitFor();
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Editor’s Note: Why We Name Origins First');
    // The applied filter shows as a removable tag naming the author.
    expect(await page.getByRole('button', { name: /Marcus Reyes/ }).count()).toBeGreaterThan(0);
    await screenshot(page, '06c-article-list-by-author');
  });

  it("shows the newsroom on the admin home page: the rail's top cards, linking to their articles, and its activity", async () => {
    await page.goto(`${app.url}/admin`);
    const railWidget = page.locator('[data-testid="rail-widget"]');
    await railWidget.waitFor();
    const publicRail = (await app.http().get('/api/latest-rail?limit=5').expect(200)).body.data as { cards: Array<{ text: string }> };
    const shown = await railWidget.locator('[data-testid="rail-widget-card"]').allInnerTexts();
    expect(shown).toHaveLength(publicRail.cards.length);
    shown.forEach((text, index) => expect(text).toContain(publicRail.cards[index].text));

    const activity = page.locator('[data-testid="activity-widget"]');
    await activity.waitFor();
    // The two uploads: the sample page (a new story), then its copy (merged into it).
    const imports = await activity.locator('[data-testid="activity-import"]').allInnerTexts();
    expect(imports.filter((line) => /^Upload by .+: 1 page \(1 created, 0 merged, 0 failed\)$/.test(line))).toHaveLength(1);
    expect(imports.filter((line) => /^Upload by .+: 1 page \(0 created, 1 merged, 0 failed\)$/.test(line))).toHaveLength(1);
    expect(await activity.locator('[data-testid="activity-merge"]').first().innerText()).toContain(SEED_TITLE);
    // The uploaded pages' rails hold cards of stories never read: the widget counts them as the database does.
    const waiting = await app.strapi.db.query('api::teaser.teaser').count({
      where: { kind: 'editorial', $or: [{ fragment: false }, { fragment: null }], article: { id: { $null: true } } },
    });
    expect(waiting).toBeGreaterThan(0);
    expect(await activity.locator('[data-testid="activity-waiting-count"]').innerText()).toMatch(new RegExp(`^${waiting} cards? seen on pages`));
    const webhook = (await activity.locator('[data-testid="activity-webhook"]').first().innerText()).toLowerCase();
    expect(webhook).toContain('healthy');
    expect(webhook).toContain('last delivery delivered');
    await railWidget.scrollIntoViewIfNeeded();
    await screenshot(page, '11-home-widgets');

    await railWidget.locator('[data-testid="rail-widget-card"] a').first().click();
    await page.waitForURL(/\/admin\/content-manager\/collection-types\/api::article\.article\/[a-z0-9]+/);
    await page.locator('input[name="title"]').waitFor();
  });
});
