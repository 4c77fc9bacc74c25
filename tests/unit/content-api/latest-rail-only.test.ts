import { isLatestRailOnlyQuery } from '../../../src/plugins/newsroom/server/src/content-api/latest-rail-only';

describe('isLatestRailOnlyQuery', () => {
  it.each([
    '{ latestRail { version cards { position text } } }',
    'query Rail($limit: Int) { latestRail(limit: $limit) { version cards { text article { slug } } } }',
    '{ __typename a: latestRail(limit: 5) { version } b: latestRail(limit: 10) { version } }',
  ])('takes %s as a rail-only query', (query) => {
    expect(isLatestRailOnlyQuery(query)).toBe(true);
  });

  it.each([
    ['another root field', '{ latestRail { version } articles { title } }'],
    ['a mutation', 'mutation { latestRail { version } }'],
    ['a fragment at the root', '{ ...F } fragment F on Query { latestRail { version } }'],
    ['a directive on the root field', 'query ($skip: Boolean!) { latestRail @skip(if: $skip) { version } }'],
    ['a directive on the operation', 'query Rail @live { latestRail { version } }'],
    ['two operations', 'query A { latestRail { version } } query B { latestRail { version } }'],
    ['a fragment definition', '{ latestRail { ...R } } fragment R on LatestRail { version }'],
    ['text that does not parse', '{ latestRail { version }'],
    ['an empty document', ''],
  ])('refuses %s', (_, query) => {
    expect(isLatestRailOnlyQuery(query)).toBe(false);
  });
});
