export { publishedChangeOf, type ActionFacts, type PublishedAction } from './published-change';
