/**
 * The form in which two copies of one card text compare equal, whatever a scrape or an editor did
 * to them: Unicode NFKC; invisible characters (soft hyphen, zero-width space/joiners, BOM) dropped;
 * every kind of white space (NBSP included) collapsed to one space and trimmed; curly quotes and
 * primes folded to straight ones; any run of hyphens and dashes (a typed "--" included) folded to
 * one "-" together with the spaces around it, since "A — B", "A - B" and "A—B" are the same
 * sentence typed differently; and case folded. It is a comparison key only: a card always shows
 * its text as given.
 *
 * Kept here rather than shared with dedupe/ so the rail module stays free-standing (node only).
 */
export function normaliseCardText(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
      .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
      .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
      .replace(/\s*[-\u2010-\u2015\u2212\u2E3A\u2E3B]+\s*/g, '-')
      // JS \s covers NBSP, the U+2000 spaces, U+202F, U+205F, U+3000 and the line separators.
      .replace(/\s+/g, ' ')
      .trim()
      // Upper then lower is a closer case fold than lower alone: "ß" and "SS" meet at "ss",
      // and final sigma meets sigma.
      .toUpperCase()
      .toLowerCase()
  );
}

/** A card with no visible text is a blank slot; it is never shown. */
export function isBlankCardText(text: string | null | undefined): boolean {
  return text == null || normaliseCardText(text) === '';
}
