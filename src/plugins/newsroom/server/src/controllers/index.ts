import adminActivity from './admin-activity';
import adminBoilerplate from './admin-boilerplate';
import adminIngest from './admin-ingest';
import adminMerges from './admin-merges';
import adminRail from './admin-rail';
import adminWebhooks from './admin-webhooks';
import ingest from './ingest';
import latestRail from './latest-rail';
import preview from './preview';

export default {
  adminActivity,
  adminBoilerplate,
  adminIngest,
  adminMerges,
  adminRail,
  adminWebhooks,
  ingest,
  latestRail,
  preview,
};
