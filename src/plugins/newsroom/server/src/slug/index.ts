export { slugFor, firstFreeSlug } from './slug';
