import type { env as strapiEnv } from '@strapi/utils';
import { resolveEdgeConfig, type EdgeConfigInput } from './content-api/edge-config';
import { resolvePreviewConfig, type PreviewConfigInput } from './preview/config';
import { ingestWorkerEnabled } from './worker/protocol';
import { resolveRailConfig, type RailConfigInput } from './rail';
import { resolveRebuildConfig, rebuildWebhookSecret, type RebuildConfigInput } from './rebuild/config';

interface NewsroomConfigInput {
  rail?: RailConfigInput;
  edge?: EdgeConfigInput;
  boilerplate?: { threshold?: number };
  rebuild?: RebuildConfigInput;
  preview?: PreviewConfigInput;
  ingest?: { worker?: string | boolean };
}

/**
 * The plugin's settings, each read from its environment variable (README, "Environment
 * variables"). An unset variable is left empty and its section resolves it to the default, so the
 * app configures the plugin without knowing its defaults; config/plugins.ts may still override any.
 */
export function newsroomConfigFromEnv({ env }: { env: typeof strapiEnv }): NewsroomConfigInput {
  return {
    rail: {
      /** Cards a rail view shows when the request does not say (at most 100). */
      defaultLimit: env('RAIL_DEFAULT_LIMIT', ''),
      /** Cache-Control of GET /api/latest-rail; revalidation with the ETag stays cheap. */
      cacheControl: env('RAIL_CACHE_CONTROL', ''),
      /** A burst of changes is assembled once, this long after the first change of the burst. */
      assembleDelayMs: env('RAIL_ASSEMBLE_DELAY_MS', ''),
    },
    /** What one public request or one ingested page may cost (README, "Security"). */
    edge: {
      populateDepth: env('REST_POPULATE_DEPTH_LIMIT', ''),
      populateDocuments: env('REST_POPULATE_DOCUMENT_LIMIT', ''),
      pageLines: env('PAGE_LINE_LIMIT', ''),
      graphql: {
        aliases: env('GRAPHQL_ALIAS_LIMIT', ''),
        tokens: env('GRAPHQL_TOKEN_LIMIT', ''),
        cost: env('GRAPHQL_COST_LIMIT', ''),
        bodyBytes: env('GRAPHQL_BODY_LIMIT', ''),
      },
    },
    boilerplate: {
      /** A line seen verbatim in this many different articles is boilerplate. */
      threshold: env.int('BOILERPLATE_THRESHOLD', 5),
    },
    rebuild: {
      /** Frontends to POST "site.changed" to: http(s) URLs separated by commas or spaces. */
      urls: env('REBUILD_WEBHOOK_URLS', ''),
      /**
       * REBUILD_WEBHOOK_SECRET signs every delivery (Standard Webhooks): "whsec_<base64>" or a
       * passphrase. Production refuses to boot with urls set and no real secret.
       */
      secret: rebuildWebhookSecret(process.env),
      /** A burst is sent this long after its last change, and at most maxWaitMs after its first. */
      window: {
        quietMs: env.int('REBUILD_WEBHOOK_QUIET_MS', 5_000),
        maxWaitMs: env.int('REBUILD_WEBHOOK_MAX_WAIT_MS', 60_000),
      },
      /** 8 attempts with full-jitter exponential backoff from 1 minute (capped at 1 hour): about an hour. */
      retry: {
        maxAttempts: env.int('REBUILD_WEBHOOK_MAX_ATTEMPTS', 8),
        baseDelayMs: env.int('REBUILD_WEBHOOK_RETRY_BASE_MS', 60_000),
        maxDelayMs: env.int('REBUILD_WEBHOOK_RETRY_MAX_MS', 3_600_000),
        jitter: env('REBUILD_WEBHOOK_RETRY_JITTER', 'full'),
      },
      /** An attempt without an answer after this long is a failure. */
      timeoutMs: env.int('REBUILD_WEBHOOK_TIMEOUT_MS', 10_000),
      /** How often the dispatcher looks for due work when nothing is due sooner. */
      pollIntervalMs: env.int('REBUILD_WEBHOOK_POLL_MS', 1_000),
      /** How long an instance owns a delivery it is sending (must exceed timeoutMs). */
      leaseMs: env.int('REBUILD_WEBHOOK_LEASE_MS', 60_000),
      /** false: record events but send nothing from this process. */
      dispatch: env.bool('REBUILD_WEBHOOK_DISPATCH', true),
      /** More changes than this owed to one target: its next delivery asks for a full rebuild. */
      maxChanges: env.int('REBUILD_WEBHOOK_MAX_CHANGES', 1_000),
      /** Days finished deliveries and undelivered outbox events are kept. */
      retentionDays: env.int('REBUILD_WEBHOOK_RETENTION_DAYS', 21),
    },
    ingest: {
      /** Pages sent to the ingest routes are stored by a worker process (unset: on in production). */
      worker: env('INGEST_WORKER', ''),
    },
    /** The Content Manager's Preview (README, "Preview"). */
    preview: {
      /** A frontend's preview route; unset, the plugin renders the article itself behind a signed link. */
      url: env('PREVIEW_URL', ''),
      secret: env('PREVIEW_SECRET', ''),
      linkTtlSeconds: env('PREVIEW_LINK_TTL_SECONDS', ''),
    },
  };
}

/**
 * The plugin's configuration (the settings above, under any config/plugins.ts gives) checked when
 * Strapi loads it, before anything boots: each section is resolved as its service will resolve it, so a bad value stops the boot
 * with the setting and its variable named.
 */
export function validateNewsroomConfig(config: NewsroomConfigInput = {}): void {
  resolveRailConfig(config.rail ?? {});
  resolveEdgeConfig(config.edge ?? {});
  resolveRebuildConfig(config.rebuild ?? {});
  resolvePreviewConfig(config.preview ?? {});
  ingestWorkerEnabled(config.ingest?.worker, process.env.NODE_ENV);
}
