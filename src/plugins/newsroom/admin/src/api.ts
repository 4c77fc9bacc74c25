import * as React from 'react';
import { isFetchError, useFetchClient } from '@strapi/strapi/admin';

import type { RailCard } from '../../server/src/rail/types';
import type { BoilerplateEntry, MergeLogEntry, RailCurationEntry, RailView } from '../../server/src/admin-views';
import type { RebuildDeliveryView, RebuildTargetView } from '../../server/src/rebuild/target-views';

/**
 * Shapes the Newsroom admin routes answer (server/src/controllers/admin-*.ts). Those from the
 * server's pure modules are imported as types; PageReport mirrors the part of the ingest report shown.
 */
export type { BoilerplateEntry, RailCard, RailCurationEntry, RailView };
export type MergeEntry = MergeLogEntry;
export type WebhookTarget = RebuildTargetView;
export type WebhookDelivery = RebuildDeliveryView;

/** The parts of services/ingest.ts PageReport the page shows. */
export interface PageReport {
  source: string;
  status: 'created' | 'merged' | 'failed';
  error?: string;
  warnings: string[];
  article: { documentId: string | null; title: string; slug: string | null } | null;
  chrome: Array<{ line: string; reason: string }>;
}

/** Where in the admin an article is edited. */
export const articleEditPath = (documentId: string) => `/content-manager/collection-types/api::article.article/${documentId}`;

/** A failed request as the page shows it: the server's message (e.g. the reason of a 400). */
export interface RequestProblem {
  message: string;
}

export function describeProblem(error: unknown): RequestProblem {
  if (isFetchError(error)) return { message: error.response?.data?.error?.message ?? error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}

/**
 * Loads one GET route of the Newsroom admin API, again whenever `reload()` is called or the URL
 * changes; stale answers from an earlier URL are dropped.
 */
export function useNewsroomResource<T>(url: string) {
  const { get } = useFetchClient();
  const [state, setState] = React.useState<{ data: T | null; meta: Record<string, unknown> | null; problem: RequestProblem | null; loading: boolean }>({
    data: null,
    meta: null,
    problem: null,
    loading: true,
  });
  const [generation, setGeneration] = React.useState(0);

  React.useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    get<{ data: T; meta?: Record<string, unknown> }>(url)
      .then(({ data }) => {
        if (current) setState({ data: data.data, meta: data.meta ?? null, problem: null, loading: false });
      })
      .catch((error: unknown) => {
        if (current) setState({ data: null, meta: null, problem: describeProblem(error), loading: false });
      });
    return () => {
      current = false;
    };
    // `get` is a new function on every render of useFetchClient's owner; the URL and generation decide.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url, generation]);

  const reload = React.useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}

export const formatDateTime = (value: string | Date | null | undefined) =>
  value ? new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
