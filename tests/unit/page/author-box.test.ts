import { authorBoxOf, nameFromCaption, readBioOpening } from '../../../src/plugins/newsroom/server/src/page';

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
