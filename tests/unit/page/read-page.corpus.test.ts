import { readPage } from '../../../src/plugins/newsroom/server/src/page';
import {
  asLabelFields,
  chromeNotInLabel,
  COMPARED_FIELDS,
  CORPUS_DIR,
  type ComparedField,
  loadCorpus,
} from './labelled-pages';

/**
 * Fields on real pages the reader knowingly gets wrong, with the reason. A listed field must still
 * differ from its label: when the reader starts getting it right the test fails, and the entry
 * has to go, so this table never claims a gap that is not there.
 */
const KNOWN_GAPS: Record<string, Partial<Record<ComparedField, string>>> = {};

const corpus = loadCorpus();

if (corpus === null) {
  const reason = `${CORPUS_DIR} not found; set NEWSROOM_SHARED_DIR to the shared folder to run it`;
  console.warn(`corpus pages skipped: ${reason}`);
  describe.skip(`corpus pages (skipped: ${reason})`, () => {
    it('reads every labelled page as labelled', () => undefined);
  });
} else {
  const pages = corpus;

  describe('corpus pages', () => {
    it('are there to read (pages and the three seeds)', () => {
      expect(pages.length).toBeGreaterThanOrEqual(50);
      expect(pages.filter((p) => /^\d{3}_[0-9a-f]{16}\.txt$/.test(p.file))).toHaveLength(3);
    });

    it('KNOWN_GAPS names only pages that exist', () => {
      const files = new Set(pages.map((p) => p.file));
      expect(Object.keys(KNOWN_GAPS).filter((f) => !files.has(f))).toEqual([]);
    });
  });

  describe.each(pages.map((p) => [p.file, p] as const))('corpus page %s', (file, { bytes, label }) => {
    const page = readPage(bytes);
    const gaps = KNOWN_GAPS[file] ?? {};

    it.each(COMPARED_FIELDS.map((f) => [f]))('reads %s as labelled', (field) => {
      const actual = asLabelFields(page)[field];
      if (gaps[field] === undefined) expect(actual).toEqual(label[field]);
      else expect(actual).not.toEqual(label[field]);
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
