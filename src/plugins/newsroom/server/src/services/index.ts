import categories from './categories';
import dedupeKeys from './dedupe-keys';
import ingest from './ingest';
import rail from './rail';
import related from './related';
import story from './story';
import teasers from './teasers';

export default {
  categories,
  dedupeKeys,
  ingest,
  rail,
  related,
  story,
  teasers,
};
