import { parseRailQuery, RailQueryError } from '../../../src/plugins/newsroom/server/src/rail';

function refusal(query: { limit?: unknown; exclude?: unknown }, maxLimit?: number): string {
  try {
    parseRailQuery(query, maxLimit);
  } catch (error) {
    expect(error).toBeInstanceOf(RailQueryError);
    expect(error).toBeInstanceOf(Error);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(query)} to be refused`);
}

describe('parseRailQuery: accepts', () => {
  it('leaves limit and exclude out when neither is given (the rail applies its configured default)', () => {
    expect(parseRailQuery({})).toEqual({});
    expect(parseRailQuery({ limit: undefined, exclude: undefined })).toEqual({});
    expect(parseRailQuery({ limit: null, exclude: null })).toEqual({});
    expect('limit' in parseRailQuery({})).toBe(false);
    expect('exclude' in parseRailQuery({})).toBe(false);
  });

  it('takes an integer limit as a string or a number, 1..max', () => {
    expect(parseRailQuery({ limit: '1' })).toEqual({ limit: 1 });
    expect(parseRailQuery({ limit: '100' })).toEqual({ limit: 100 });
    expect(parseRailQuery({ limit: '007' })).toEqual({ limit: 7 });
    expect(parseRailQuery({ limit: 42 })).toEqual({ limit: 42 });
    expect(parseRailQuery({ limit: '10' }, 10)).toEqual({ limit: 10 });
  });


  it('takes a slug or documentId as exclude', () => {
    expect(parseRailQuery({ exclude: 'gem-show-opens-in-tucson' })).toEqual({ exclude: 'gem-show-opens-in-tucson' });
    expect(parseRailQuery({ limit: '5', exclude: 'k3j2h1g0f9d8s7a6_Z' })).toEqual({ limit: 5, exclude: 'k3j2h1g0f9d8s7a6_Z' });
    expect(parseRailQuery({ exclude: 'x'.repeat(200) }).exclude).toHaveLength(200);
  });
});

describe('parseRailQuery: refuses, naming the problem', () => {
  it.each([
    ['abc', 'limit must be an integer between 1 and 100, got "abc"'],
    ['0', 'limit must be an integer between 1 and 100, got "0"'],
    ['101', 'limit must be an integer between 1 and 100, got "101"'],
    ['-5', 'limit must be an integer between 1 and 100, got "-5"'],
    ['2.5', 'limit must be an integer between 1 and 100, got "2.5"'],
    ['1e2', 'limit must be an integer between 1 and 100, got "1e2"'],
    ['20abc', 'limit must be an integer between 1 and 100, got "20abc"'],
    [' 20', 'limit must be an integer between 1 and 100, got " 20"'],
    ['', 'limit must be an integer between 1 and 100, got ""'],
    [2.5, 'limit must be an integer between 1 and 100, got 2.5'],
    [0, 'limit must be an integer between 1 and 100, got 0'],
    [Number.NaN, 'limit must be an integer between 1 and 100, got NaN'],
    [true, 'limit must be an integer between 1 and 100, got a boolean'],
    [{ gt: '1' }, 'limit must be an integer between 1 and 100, got an object'],
  ])('limit %p', (limit, message) => {
    expect(refusal({ limit })).toBe(message);
  });

  it('names the smaller max when one is given', () => {
    expect(refusal({ limit: '11' }, 10)).toBe('limit must be an integer between 1 and 10, got "11"');
  });

  it('refuses a repeated limit or exclude (arrays)', () => {
    expect(refusal({ limit: ['5', '6'] })).toBe('limit must be given once, got 2 values');
    expect(refusal({ exclude: ['a', 'b', 'c'] })).toBe('exclude must be given once, got 3 values');
  });

  it.each([
    ['', 'exclude must not be empty'],
    ['x'.repeat(201), 'exclude must be at most 200 characters, got 201'],
    ['has space', 'exclude must be an article slug or documentId (letters, digits, "-" and "_" only), got "has space"'],
    ['../etc/passwd', 'exclude must be an article slug or documentId (letters, digits, "-" and "_" only), got "../etc/passwd"'],
    ['caf\u00E9', 'exclude must be an article slug or documentId (letters, digits, "-" and "_" only), got "caf\u00E9"'],
    [42, 'exclude must be an article slug or documentId, got 42'],
    [{ $ne: 'x' }, 'exclude must be an article slug or documentId, got an object'],
  ])('exclude %p', (exclude, message) => {
    expect(refusal({ exclude })).toBe(message);
  });

  it('cuts a long offending value short in the message', () => {
    const message = refusal({ limit: 'y'.repeat(500) });
    expect(message).toBe(`limit must be an integer between 1 and 100, got "${'y'.repeat(40)}\u2026"`);
  });

  it('throws RangeError (a programming error, not a bad request) for a bad maxLimit', () => {
    expect(() => parseRailQuery({}, 0)).toThrow(RangeError);
    expect(() => parseRailQuery({}, 101)).toThrow(RangeError);
  });
});
