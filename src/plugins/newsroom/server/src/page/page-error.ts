/**
 * Why an input is not a page at all. Anything else, however odd, is read (with warnings) rather than
 * refused, so callers can tell "bad upload" apart from "page we read poorly".
 */
export type PageErrorCode = 'empty' | 'binary' | 'invalid-utf8' | 'html' | 'too-large' | 'too-many-lines';

export class PageError extends Error {
  readonly code: PageErrorCode;

  constructor(code: PageErrorCode, message: string) {
    super(message);
    this.name = 'PageError';
    this.code = code;
    // Keeps `instanceof PageError` true when compiled down to ES5-style classes.
    Object.setPrototypeOf(this, PageError.prototype);
  }
}

/** 2 MiB: far above any real scrape (the corpus is cut at 2,000 bytes), low enough to bound work. */
export const MAX_PAGE_BYTES = 2 * 1024 * 1024;

/**
 * Real pages have under 200 lines; a page of 100,000 short lines held the server for half a minute.
 * At 500 lines the largest page disturbs readers about as much as a typical one (README, "Performance").
 */
export const DEFAULT_MAX_PAGE_LINES = 500;
