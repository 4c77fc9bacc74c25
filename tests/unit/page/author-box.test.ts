import { authorBoxOf, nameFromCaption, readBioOpening } from '../../../src/plugins/newsroom/server/src/page';
import { authorBoxEndingAt, authorBoxLines } from '../../../src/plugins/newsroom/server/src/page/author-box';

// Made-up author boxes in the shapes columns carry.
describe('reading an author box', () => {
  it('names the author from the headshot alt text, in its usual wordings', () => {
    expect(nameFromCaption('Dana Whitlock headshot')).toEqual({ name: 'Dana Whitlock', role: null });
    expect(nameFromCaption('Headshot of Ana María López-Ortiz')).toEqual({ name: 'Ana María López-Ortiz', role: null });
    expect(nameFromCaption('Trade Gazette columnist Dana Whitlock')).toEqual({ name: 'Dana Whitlock', role: 'columnist' });
    expect(nameFromCaption('headshot')).toEqual({ name: null, role: null });
    expect(nameFromCaption('a photo of the new store, head shot style')).toEqual({ name: null, role: null });
  });

  it('reads who a bio is about and what they are, also when the scrape glued the name to "is"', () => {
    expect(readBioOpening('Dana Whitlock is a retail consultant, trainer and author.')).toEqual({ name: 'Dana Whitlock', role: 'retail consultant' });
    expect(readBioOpening('Marcus Reyesis the managing editor at Trade Gazette, overseeing its coverage online and in print.')).toEqual({
      name: 'Marcus Reyes',
      role: 'managing editor',
    });
    expect(readBioOpening('Chris Davis is the editor-in-chief of Trade Gazette.')).toEqual({ name: 'Chris Davis', role: 'editor-in-chief' });
    expect(readBioOpening('The store is the oldest in town.')).toBeNull();
  });

  it('puts caption and bio together, with the address the bio shows', () => {
    expect(
      authorBoxOf('Trade Gazette columnist Dana Whitlock', ['Dana Whitlock is a retail consultant, trainer and author.', 'She can be reached at dana@example.com.'])
    ).toEqual({
      name: 'Dana Whitlock',
      role: 'retail consultant',
      bio: 'Dana Whitlock is a retail consultant, trainer and author. She can be reached at dana@example.com.',
      email: 'dana@example.com',
      caption: 'Trade Gazette columnist Dana Whitlock',
    });
    expect(authorBoxOf(null, ['Marcus Reyesis the managing editor at Trade Gazette.'])).toMatchObject({ name: 'Marcus Reyes', role: 'managing editor', caption: null });
    expect(authorBoxOf('Staff headshot', [])).toBeNull();
  });

  it('keeps only a well-formed address, and reads a hostile bio in bounded time', () => {
    expect(authorBoxOf('Dana Whitlock headshot', ['Reach her at dana@example..com.'])?.email).toBeNull();
    expect(authorBoxOf('Dana Whitlock headshot', ['Reach her at dana@-example.com.'])?.email).toBeNull();
    expect(authorBoxOf('Dana Whitlock headshot', ['Reach her at dana.whitlock@mail.example.com today.'])?.email).toBe('dana.whitlock@mail.example.com');
    // Long runs that make naive patterns backtrack: the box is still read, from its first 1,000 characters.
    const spaces = `Dana Whitlock is the founder of${' '.repeat(200_000)}x`;
    expect(authorBoxOf(null, [spaces])).toMatchObject({ name: 'Dana Whitlock', role: 'founder' });
    expect(authorBoxOf('Dana Whitlock headshot', [`a@${'b'.repeat(200_000)}`])).toMatchObject({ name: 'Dana Whitlock', email: null });
    expect(authorBoxOf(null, ['A'.repeat(50_000)])).toBeNull();
  });
});

describe('the lines of an author box', () => {
  const keys = (lines: string[]) => lines;

  it('tells a writer’s bio from a story sentence of the same shape', () => {
    const box = (lines: string[]) => authorBoxLines(keys(lines), 0, lines.length);
    expect(box(['Marcus Reyesis the managing editor at Trade Gazette.'])).toBe(1);
    expect(box(['Dana Whitlock is a retail consultant, trainer and author.', 'She can be reached at dana@example.com.'])).toBe(2);
    // A person in the news is not the author.
    expect(box(['Ingrid Halvorsen is the chief executive of Halvorsen Gem Labs.'])).toBe(0);
    expect(box(['Ingrid Halvorsen is the founder of Halvorsen Gem Labs.'])).toBe(0);
    // A caption naming the same person makes any bio theirs.
    expect(box(['Dana Whitlock headshot', 'Dana Whitlock is the founder of Whitlock Retail Advisory.'])).toBe(2);
    expect(box(['Quarry Lane Jewelers is the oldest store on Orchard Street.'])).toBe(0);
  });

  it('takes a caption only with a bio of the same person under it, unless it says headshot', () => {
    const box = (lines: string[]) => authorBoxLines(keys(lines), 0, lines.length);
    expect(box(['Trade Gazette columnist Dana Whitlock', 'Dana Whitlock is a retail consultant, trainer and author.', 'She can be reached at dana@example.com.'])).toBe(3);
    expect(box(['Trade Gazette columnist Dana Whitlock', 'Marcus Reyes is the managing editor at Trade Gazette.'])).toBe(0);
    expect(box(['Trade Gazette columnist Dana Whitlock', 'The studio opened on Monday.'])).toBe(0);
    expect(box(['Dana Whitlock headshot', 'The studio opened on Monday.'])).toBe(1);
  });

  it('finds the box a body closes with, and none when its last lines are story', () => {
    const body = ['The studio opened on Monday.', 'It employs four bench jewelers.', 'Trade Gazette columnist Dana Whitlock', 'Dana Whitlock is a retail consultant, trainer and author.', 'She can be reached at dana@example.com.'];
    expect(authorBoxEndingAt(body, 4, 1)).toBe(2);
    expect(authorBoxEndingAt(body.slice(0, 4), 3, 1)).toBe(2);
    // At the end of a body a bio alone is not enough: a story may close on a person's role.
    expect(authorBoxEndingAt(['The studio opened on Monday.', 'Marcus Reyes is the managing editor at Trade Gazette.'], 1, 1)).toBe(-1);
    expect(authorBoxEndingAt(['The studio opened on Monday.', 'Marcus Reyes is the managing editor at Trade Gazette. Write to him at marcus@example.com.'], 1, 1)).toBe(1);
    expect(authorBoxEndingAt(['The studio opened on Monday.', 'Ingrid Halvorsen is the founder of Halvorsen Gem Labs.', 'She can be reached at ingrid@example.com.'], 2, 1)).toBe(1);
    expect(authorBoxEndingAt(body.slice(0, 2), 1, 1)).toBe(-1);
    // Never the whole body: the box may not reach back past `start`.
    expect(authorBoxEndingAt(['Marcus Reyes is the managing editor at Trade Gazette.'], 0, 1)).toBe(-1);
  });

  it('puts the space back into a bio whose name the scrape glued to "is"', () => {
    expect(authorBoxOf(null, ['Marcus Reyesis the managing editor at Trade Gazette.'])?.bio).toBe('Marcus Reyes is the managing editor at Trade Gazette.');
    expect(authorBoxOf(null, ['Marcus Reyes is the managing editor at Trade Gazette.'])?.bio).toBe('Marcus Reyes is the managing editor at Trade Gazette.');
  });
});
