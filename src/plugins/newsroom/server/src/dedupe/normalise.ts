import { createHash } from 'crypto';

/**
 * The form in which two copies of the same text compare equal, whatever the scrape did to them:
 * Unicode NFKC, every kind of white space (NBSP included) folded to one space, curly quotes and
 * primes folded to straight ones, dashes (and the "--" some pages type for one) folded to "-",
 * and case folded. It is a comparison key only; stored text is never rewritten with it.
 */
export function normaliseForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/\s*(?:--|[\u2010-\u2015\u2212])\s*/g, '-')
    .replace(/[\s\u00A0\u2000-\u200B\u202F\u205F\u3000\uFEFF]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A short, stable hash of a normalised text, used as a database key. */
export function normalisedTextHash(text: string): string {
  return createHash('sha256').update(normaliseForMatch(text)).digest('hex').slice(0, 32);
}
