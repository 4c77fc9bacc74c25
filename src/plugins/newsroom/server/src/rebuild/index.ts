/**
 * The pure half of the rebuild-webhook dispatcher: no Strapi, no I/O. The Strapi service around
 * it owns the outbox, the clock and the HTTP request, and asks these functions what to do.
 */
export { DEFAULT_WINDOW, batchDueAt, isBatchDue } from './coalesce';
export type { CoalesceWindow } from './coalesce';
export { buildSiteChangedPayload } from './payload';
export type { BatchContext, OwedDelivery } from './payload';
export { signDelivery, secretKeyBytes, toStandardWebhooksSecret } from './sign';
export { newDeliveryId } from './delivery-id';
export { DEFAULT_RETRY_POLICY, nextRetryDelayMs } from './backoff';
export { classifyAttempt, DEFAULT_ATTEMPT_TIMEOUT_MS } from './classify-response';
export { parseTargets } from './targets';
export type {
  AttemptOutcome,
  AttemptResult,
  JitterMode,
  RebuildAction,
  RebuildEvent,
  RebuildTarget,
  RetryPolicy,
  SignatureHeaderName,
  SignedRequest,
  SiteChange,
  SiteChangedPayload,
} from './types';
export {
  DEFAULT_LEASE_MS,
  DEFAULT_POLL_INTERVAL_MS,
  DEV_REBUILD_WEBHOOK_SECRET,
  MissingRebuildSecretError,
  assertProductionRebuildSecret,
  rebuildWebhookSecret,
  resolveRebuildConfig,
} from './config';
export type { RebuildConfig, RebuildConfigInput } from './config';
export { describeFetchError } from './fetch-error';
