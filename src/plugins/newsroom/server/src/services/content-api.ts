import type { Core } from '@strapi/strapi';
import { resolveEdgeConfig, type EdgeConfig, type EdgeConfigInput } from '../content-api/edge-config';
import type { ReadBounds } from '../content-api/query-bounds';
import { requestOutcome } from '../context/report-outcome';
import type { WriteOutcome } from '../context/write-params';
import { PLUGIN_ID } from '../utils/plugin';

/** The public edge's bounds, resolved once from the plugin's configuration and Strapi's REST settings. */
const contentApiService = ({ strapi }: { strapi: Core.Strapi }) => {
  let edge: EdgeConfig | undefined;
  let bounds: ReadBounds | undefined;

  const config = (): EdgeConfig => (edge ??= resolveEdgeConfig((strapi.config.get(`plugin::${PLUGIN_ID}.edge`) ?? {}) as EdgeConfigInput));

  const readBounds = (): ReadBounds =>
    (bounds ??= {
      populateDepth: config().populateDepth,
      populateDocuments: config().populateDocuments,
      relationLimit: Number(strapi.config.get('api.rest.maxLimit', 100)),
      defaultPageSize: Number(strapi.config.get('api.rest.defaultLimit', 25)),
      maxPageSize: Number(strapi.config.get('api.rest.maxLimit', 100)),
    });

  /** What the newsroom did with the create a request made (created, or merged into a stored story). */
  const writeOutcome = (requestState: unknown): WriteOutcome | undefined => requestOutcome(requestState);

  return { config, readBounds, writeOutcome };
};

export type ContentApiService = ReturnType<typeof contentApiService>;
export default contentApiService;
