import { resolveSeo, seoDefaults } from '../../../src/plugins/newsroom/server/src/seo/default-seo';

describe('SEO defaults', () => {
  const story = { title: 'Halvorsen Opens in Antwerp', dek: 'The lab grades diamonds in Belgium.', excerpt: 'Antwerp—The lab opened.', imageCaption: 'The new lab.' };

  it('fills every empty field from the article: title, dek (else excerpt), image caption', () => {
    expect(seoDefaults(story)).toEqual({ metaTitle: story.title, metaDescription: story.dek, shareImageCaption: story.imageCaption });
    expect(seoDefaults({ ...story, dek: '  ', imageCaption: null }).metaDescription).toBe(story.excerpt);
    expect(resolveSeo({ metaTitle: '', metaDescription: null }, story, null)).toEqual(seoDefaults(story));
  });

  it('keeps what an editor wrote', () => {
    const given = { metaTitle: 'Antwerp Gets a Grading Lab', metaDescription: 'Written for search.', shareImageCaption: 'Lab exterior.' };
    expect(resolveSeo(given, { ...story, title: 'A Corrected Title' }, story)).toEqual(given);
  });

  it('lets a field that still held the old default follow the article when it changes', () => {
    const stored = seoDefaults(story);
    const corrected = { ...story, title: 'Halvorsen Opens a Lab in Antwerp' };
    expect(resolveSeo(stored, corrected, story)).toEqual({ ...stored, metaTitle: corrected.title });
  });
});
