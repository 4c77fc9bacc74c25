import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/plugin';

/**
 * The services the Newsroom page reads, as the page relies on them. They are looked up by name
 * and checked for the methods the page calls, so an admin route answers "501 not available" (and
 * the page says so) instead of crashing when a service is absent or older than the page.
 */
export interface BoilerplateEntry {
  id: number;
  line: string;
  count: number;
  boilerplate: boolean;
  keep: boolean;
}

export interface BoilerplateLedger {
  list(query: { page: number; pageSize: number }): Promise<{ entries: BoilerplateEntry[]; total: number }>;
  setKeep(id: number, keep: boolean): Promise<unknown>;
}

export interface MergeLogEntry {
  at: string | Date;
  documentId: string;
  title: string;
  source: string;
  changed: unknown;
}

export interface MergeLog {
  list(query: { limit: number }): Promise<MergeLogEntry[]>;
}

export interface WebhookTargets {
  listTargets(): Promise<unknown[]>;
  saveTarget(target: { id?: string | number; url: string; enabled: boolean }): Promise<unknown>;
  deleteTarget(id: string | number): Promise<unknown>;
  listDeliveries(query: { limit: number }): Promise<unknown[]>;
  retryNow(deliveryId: string | number): Promise<unknown>;
}

/** The named plugin service when it has every method listed; null otherwise. */
export function findPluginService<T extends object>(strapi: Core.Strapi, name: string, methods: Array<keyof T & string>): T | null {
  const service = strapi.plugin(PLUGIN_ID).service(name) as Record<string, unknown> | undefined;
  if (!service || !methods.every((method) => typeof service[method] === 'function')) return null;
  return service as unknown as T;
}

export const unavailable = (what: string) => `${what} is not available on this server yet`;
