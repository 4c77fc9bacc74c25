/**
 * A columnist's author box, where the site puts the article image: the headshot's alt text
 * ("Dana Whitlock headshot") and a bio of a sentence or two ("Dana Whitlock is the founder of …
 * She can be reached at dana@example.com."). Read into who wrote the story.
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

/** The author a box names, or null when neither its caption nor its bio names anyone. */
export function authorBoxOf(caption: string | null, bioLines: readonly string[]): AuthorBox | null {
  const bio = bioLines.map((line) => line.trim()).filter(Boolean).join(' ') || null;
  // Whitespace folded and the length bounded before any pattern runs: a page is untrusted input.
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
