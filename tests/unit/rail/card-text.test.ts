import { isBlankCardText, normaliseCardText } from '../../../src/plugins/newsroom/server/src/rail';

describe('normaliseCardText', () => {
  it('folds NFKC compatibility forms, white space (NBSP included) and case', () => {
    expect(normaliseCardText('  The\u00A0Vault\u2003opens   IN\tﬁve cities \n')).toBe('the vault opens in five cities');
    expect(normaliseCardText('Ｆｕｌｌwidth Gem')).toBe('fullwidth gem');
  });

  it('folds curly quotes and primes to straight ones', () => {
    expect(normaliseCardText('The jeweler\u2019s \u201Cbold\u201D move')).toBe(normaliseCardText('The jeweler\'s "bold" move'));
    expect(normaliseCardText('a 2\u2032 chain')).toBe("a 2' chain");
  });

  it('folds dashes, a typed "--" and the spaces around them', () => {
    const forms = ['Rings \u2014 and more', 'Rings\u2014and more', 'Rings -- and more', 'Rings \u2013 and more', 'Rings-and more'];
    expect(new Set(forms.map(normaliseCardText))).toEqual(new Set(['rings-and more']));
  });

  it('drops invisible characters and folds "ß" with "SS"', () => {
    expect(normaliseCardText('gem\u00ADstone\u200B cutters')).toBe('gemstone cutters');
    expect(normaliseCardText('STRASSE')).toBe(normaliseCardText('straße'));
  });

  it('tells blank text apart', () => {
    expect(isBlankCardText('')).toBe(true);
    expect(isBlankCardText(' \u00A0\u200B\n')).toBe(true);
    expect(isBlankCardText(null)).toBe(true);
    expect(isBlankCardText('x')).toBe(false);
  });
});
