import { readPage } from '../../../src/plugins/newsroom/server/src/page';
import { asLabelFields, chromeNotInLabel, COMPARED_FIELDS, CORPUS_DIR, loadCorpus } from './labelled-pages';

const corpus = loadCorpus();

if (corpus === null) {
  const reason = `${CORPUS_DIR} not found; set NEWSROOM_SHARED_DIR to the shared folder to run it`;
  console.warn(`corpus pages skipped: ${reason}`);
  it.skip(`corpus pages: reads every labelled page as labelled (skipped: ${reason})`);
} else {
  const pages = corpus;

  describe('corpus pages', () => {
    it('are there to read (pages and the three seeds)', () => {
      expect(pages.length).toBeGreaterThanOrEqual(50);
      expect(pages.filter((p) => /^\d{3}_[0-9a-f]{16}\.txt$/.test(p.file))).toHaveLength(3);
    });
  });

  describe.each(pages.map((p) => [p.file, p] as const))('corpus page %s', (_file, { bytes, label }) => {
    const page = readPage(bytes);

    it.each(COMPARED_FIELDS.map((f) => [f]))('reads %s as labelled', (field) => {
      expect(asLabelFields(page)[field]).toEqual(label[field]);
    });

    it('reads the author box as labelled (none when the label has none)', () => {
      expect(page.author).toEqual(label.author ?? null);
    });

    it('reports only chrome lines the label lists, and every one of them', () => {
      expect(chromeNotInLabel(page, label)).toEqual([]);
      expect(page.chrome).toHaveLength(label.chrome.length);
    });

    it('accounts for every line in the ledger', () => {
      const lines = bytes.toString('utf8').split(/\r\n|\r|\n/);
      if (/[\r\n]$/.test(bytes.toString('utf8'))) lines.pop();
      expect(page.ledger.map((e) => e.text)).toEqual(lines);
    });
  });
}
