/**
 * The newsroom plugin's services as far as the benchmark calls them. Declared here rather than
 * imported, so the benchmark compiles only the pure modules it uses (page/, blocks/) and keeps
 * compiling while the plugin's services change.
 */
import type { Core } from '@strapi/strapi';

export interface IngestReport {
  status: 'created' | 'merged' | 'failed';
  error?: string;
}

export interface IngestApi {
  ingestPage(
    text: string | Uint8Array,
    options: { publish?: boolean; source?: { url?: string | null; file?: string | null } },
  ): Promise<{ report: IngestReport }>;
  /** Waits for the work reading pages set going after its commits (entry events, rail assembly). */
  settle(): Promise<void>;
}

export interface RailApi {
  assembleNow?: () => Promise<unknown>;
  settle?: () => Promise<void>;
}

export interface RebuildApi {
  dispatchNow?: () => Promise<unknown>;
  /** The resolved `rebuild` config of the plugin: the coalescing window and the poll interval. */
  config?: () => { window: { quietMs: number; maxWaitMs: number }; pollIntervalMs: number };
}

/** A service of the newsroom plugin, or undefined when the plugin (or the service) is absent. */
export function newsroomService<T>(strapi: Core.Strapi, name: string): T | undefined {
  const plugin = strapi.plugin('newsroom') as Core.Plugin | undefined;
  return plugin ? (plugin.service(name) as T | undefined) : undefined;
}
