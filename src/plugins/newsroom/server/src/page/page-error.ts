/**
 * Why an input is not a page at all. Anything else, however odd, is read (with warnings) rather than
 * refused, so callers can tell "bad upload" apart from "page we read poorly".
 */
export type PageErrorCode = 'empty' | 'binary' | 'invalid-utf8' | 'html' | 'too-large';

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
