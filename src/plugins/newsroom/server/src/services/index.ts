import activity from './activity';
import authors from './authors';
import boilerplate from './boilerplate';
import categories from './categories';
import contentApi from './content-api';
import dedupeKeys from './dedupe-keys';
import ingest from './ingest';
import ingestWorker from './ingest-worker';
import mergeLog from './merge-log';
import preview from './preview';
import publication from './publication';
import rail from './rail';
import railCuration from './rail-curation';
import readingFields from './reading-fields';
import rebuild from './rebuild';
import rebuildDispatcher from './rebuild-dispatcher';
import related from './related';
import story from './story';
import storyWriter from './story-writer';
import teasers from './teasers';

export default {
  activity,
  authors,
  boilerplate,
  categories,
  contentApi,
  dedupeKeys,
  ingest,
  ingestWorker,
  mergeLog,
  preview,
  publication,
  rail,
  railCuration,
  readingFields,
  rebuild,
  rebuildDispatcher,
  related,
  story,
  storyWriter,
  teasers,
};
