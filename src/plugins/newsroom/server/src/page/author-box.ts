import { endsSentence, isHeadshot } from './line-patterns';

/**
 * A columnist's author box, where the site puts the article image or at the end of the body: the
 * headshot's alt text ("Dana Whitlock headshot", "Trade Gazette columnist Dana Whitlock") and a bio
 * of a sentence or two ("Dana Whitlock is the founder of … She can be reached at
 * dana@example.com."), or the bio alone. Read into who wrote the story. The line rules here are
 * the one grammar of author boxes: the page reader and the body cleaner both use them.
 */

export interface AuthorBox {
  name: string;
  /** "founder", "managing editor", "columnist": what the bio or the caption calls them. */
  role: string | null;
  bio: string | null;
  /** A contact address the bio shows. */
  email: string | null;
  /** The headshot's alt text as the page has it. */
  caption: string | null;
}

const NAME_WORD = "\\p{Lu}[\\p{L}.'’-]*";
const NAME = `${NAME_WORD}(?:\\s+${NAME_WORD}){1,3}`;
/** "Dana Whitlock is the founder of …", also with the scrape's glue: "Marcus Reyesis the managing editor …". */
const BIO_OPENING = new RegExp(`^(${NAME}?)\\s?is\\s+(?:a|an|the)\\s+(.+?)(?=\\s+(?:at|of|for|with|who|and|in|on)\\b|[,.;:]|$)`, 'u');
const CAPTION_ROLE = /\b(columnist|editor(?:-in-chief)?|managing editor|contributing editor|writer|contributor|correspondent|reporter)\s+(.+)$/iu;
/** A plain address (local part, dot-separated host labels that neither start nor end with "-"), bounded in every part. */
const EMAIL = /(?<![A-Z0-9._%+-])[A-Z0-9_%+-]{1,64}(?:\.[A-Z0-9_%+-]{1,64}){0,8}@(?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.){1,8}[A-Z]{2,24}(?![A-Z0-9.-]*[A-Z0-9])/i;
/** A bio box is a sentence or two: the patterns never see more than this of it. */
const MAX_BIO_LENGTH = 1_000;
const MAX_NAME_LENGTH = 100;
/** A role is a few words ("managing editor"); a longer opening is a sentence about something else. */
const MAX_ROLE_LENGTH = 80;

/** The name a headshot's alt text gives: "Dana Whitlock headshot", "Headshot of Dana Whitlock", "Trade Gazette columnist Dana Whitlock". */
export function nameFromCaption(caption: string): { name: string | null; role: string | null } {
  const plain = caption
    .replace(/\bhead\s?shots?\b(?:\s+of\b)?/giu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[^\p{L}]+|[^\p{L}.]+$/gu, '');
  const titled = CAPTION_ROLE.exec(plain);
  const candidate = titled ? titled[2] : plain;
  const name = candidate.length <= MAX_NAME_LENGTH && new RegExp(`^${NAME}$`, 'u').test(candidate) ? candidate : null;
  return { name, role: titled ? titled[1].toLowerCase() : null };
}

/** Who a bio says it is about and what they are, from its opening: "<Name> is the <role> …". */
export function readBioOpening(bio: string): { name: string; role: string } | null {
  const opening = BIO_OPENING.exec(bio.trim());
  if (!opening || opening[1].length > MAX_NAME_LENGTH || opening[2].trim().length > MAX_ROLE_LENGTH) return null;
  return { name: opening[1], role: opening[2].trim() };
}

/**
 * What a writer's bio calls them: a newsroom role. A founder, an analyst or a chief executive is as
 * often a person in the news, so "<Name> is the founder of …" alone is never taken for a bio.
 */
const WRITER_ROLE = /\b(?:editor|columnist|writer|author|contributor|correspondent|reporter|journalist|blogger|critic)s?\b/i;
const CONTACT = /\b(?:can be reached|reach (?:him|her|them)|contact (?:him|her|them)|follow (?:him|her|them)|e-?mail (?:him|her|them))\b/i;
/** A bio line is a sentence or two, not a paragraph of a story. */
const MAX_BIO_LINE_LENGTH = 400;

/** The opening line of a writer's bio: "<Name> is the managing editor …", or one that gives an address. */
export function isAuthorBio(key: string): boolean {
  if (key.length > MAX_BIO_LINE_LENGTH || readBioOpening(key) === null) return false;
  const firstSentence = key.split(/(?<=[.!?])\s/)[0];
  return WRITER_ROLE.test(firstSentence) || EMAIL.test(key) || CONTACT.test(key);
}

/** "She can be reached at dana@example.com.": the line that closes a bio box. */
export function isContactLine(key: string): boolean {
  return key.length <= MAX_BIO_LINE_LENGTH && (CONTACT.test(key) || (EMAIL.test(key) && key.split(' ').length <= 12));
}

/**
 * Alt text that names an author: a headshot's, or "<Publication> columnist <Name>" (never a
 * sentence). The second only counts with a bio of the same person under it (see authorBoxLines).
 */
export function isAuthorCaption(key: string): boolean {
  if (isHeadshot(key)) return true;
  if (key.length > 200 || endsSentence(key)) return false;
  const named = nameFromCaption(key);
  return named.role !== null && named.name !== null;
}

/** A line of an author box: the headshot's alt text (its caption) or a line of the bio. */
export type AuthorBoxLine = 'headshot' | 'bio-box';

/** The role of each of a box's `count` lines from `at`: its caption (when it has one), then its bio. */
export function authorBoxRoles(keys: readonly string[], at: number, count: number): AuthorBoxLine[] {
  return Array.from({ length: count }, (_, k) => (k === 0 && isAuthorCaption(keys[at]) ? 'headshot' : 'bio-box'));
}

/** Whether a bio line is about the person a caption names. */
function sameAuthor(caption: string, bio: string): boolean {
  const named = nameFromCaption(caption).name;
  return named !== null && readBioOpening(bio)?.name === named;
}

/**
 * The author box that starts at line `at` (keys are whitespace-folded lines, `end` the first line
 * past where it may reach): a caption with its bio under it, or a bio alone; each bio is its
 * opening line and at most one contact line. Returns how many lines it takes, 0 when there is none.
 * A headshot's alt text with no bio under it is a box of one line.
 */
export function authorBoxLines(keys: readonly string[], at: number, end: number): number {
  const line = (i: number) => (i < end ? keys[i] : '');
  let next = at;
  const caption = line(at);
  if (isAuthorCaption(caption)) {
    // Under a caption naming them, a bio of the same person is theirs whatever it calls them.
    const bio = line(at + 1);
    if (sameAuthor(caption, bio) || (isHeadshot(caption) && isAuthorBio(bio))) next = at + 1;
    else return isHeadshot(caption) ? 1 : 0;
  } else if (!isAuthorBio(caption) && !(readBioOpening(caption) !== null && isContactLine(line(at + 1)))) return 0;
  return next - at + 1 + (isContactLine(line(next + 1)) && readBioOpening(line(next + 1)) === null ? 1 : 0);
}

/** Whether a box's lines say who they are about beyond a bio: a caption, or a contact address. */
function identifiesItself(keys: readonly string[], first: number, last: number): boolean {
  if (isAuthorCaption(keys[first])) return true;
  for (let i = first; i <= last; i += 1) if (CONTACT.test(keys[i]) || EMAIL.test(keys[i])) return true;
  return false;
}

/**
 * The author box that ends at line `last`, the last line of a body (`start` is the first line it
 * may reach back to): its first line, or -1 when the body does not end with one. A story's own
 * last paragraph can read like a bio ("Jane Roe is a contributing editor at …"), so at the end a box
 * counts only with a caption or a contact address.
 */
export function authorBoxEndingAt(keys: readonly string[], last: number, start: number): number {
  // The longest box first: caption, bio and contact line; then bio and contact; then a bio alone.
  for (let first = Math.max(start, last - 2); first <= last; first += 1) {
    if (authorBoxLines(keys, first, last + 1) === last - first + 1 && identifiesItself(keys, first, last)) return first;
  }
  return -1;
}

/** The author a box names, or null when neither its caption nor its bio names anyone. */
export function authorBoxOf(caption: string | null, bioLines: readonly string[]): AuthorBox | null {
  const joined = bioLines.map((line) => line.trim()).filter(Boolean).join(' ') || null;
  // Patterns only ever see a bounded head of the bio, whitespace folded: a page is untrusted input.
  const head = joined ? joined.replace(/\s+/g, ' ').slice(0, MAX_BIO_LENGTH) : null;
  // "Marcus Reyesis the managing editor": the scrape glued the name to "is"; the bio reads with the space.
  const glued = head ? /^(\p{Lu}[\p{L}.'’ -]{1,100}?)is /u.exec(head) : null;
  const bio = joined && glued && !glued[1].endsWith(' ') && readBioOpening(head ?? '')?.name === glued[1] ? `${glued[1]} ${joined.slice(glued[1].length)}` : joined;
  const scanned = bio ? bio.replace(/\s+/g, ' ').slice(0, MAX_BIO_LENGTH) : null;
  const fromCaption = caption ? nameFromCaption(caption.slice(0, MAX_BIO_LENGTH)) : { name: null, role: null };
  const fromBio = scanned ? readBioOpening(scanned) : null;
  const name = fromCaption.name ?? fromBio?.name ?? null;
  if (!name) return null;
  return {
    name,
    role: fromBio?.role ?? fromCaption.role,
    bio,
    email: scanned ? (EMAIL.exec(scanned)?.[0] ?? null) : null,
    caption,
  };
}
