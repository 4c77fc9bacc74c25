import * as React from 'react';
import { isFetchError, useFetchClient } from '@strapi/strapi/admin';

/** Shapes the Newsroom admin routes answer (server/src/controllers/admin-*.ts). */
export interface RailCard {
  position: number;
  text: string;
  kind: 'editorial' | 'sponsored';
  sponsor: string | null;
  article: { documentId: string; slug: string | null; title: string } | null;
}

export interface RailView {
  version: number;
  assembledAt: string;
  cards: RailCard[];
}

export interface PageReport {
  source: string;
  status: 'created' | 'merged' | 'failed';
  error?: string;
  warnings: string[];
  article: { documentId: string | null; title: string; slug: string | null } | null;
  chrome: Array<{ line: string; reason: string }>;
}

export interface MergeEntry {
  at: string;
  documentId: string;
  title: string;
  source: string;
  changed: unknown;
}

export interface BoilerplateEntry {
  id: number;
  line: string;
  count: number;
  boilerplate: boolean;
  keep: boolean;
}

export interface WebhookTarget {
  id: string | number;
  url: string;
  enabled: boolean;
  [key: string]: unknown;
}

export interface WebhookDelivery {
  id: string | number;
  status: string;
  attempts: number;
  lastError?: string | null;
  targetUrl?: string;
  url?: string;
  target?: string | { url?: string } | null;
  createdAt?: string;
  updatedAt?: string;
  lastAttemptAt?: string | null;
  nextAttemptAt?: string | null;
  [key: string]: unknown;
}

/** Where in the admin an article is edited. */
export const articleEditPath = (documentId: string) => `/content-manager/collection-types/api::article.article/${documentId}`;

/** A failed request as the page shows it: the server's message, and whether the route is missing. */
export interface RequestProblem {
  message: string;
  notAvailable: boolean;
}

export function describeProblem(error: unknown): RequestProblem {
  if (isFetchError(error)) {
    const status = error.status ?? error.response?.data?.error?.status;
    const message = error.response?.data?.error?.message ?? error.message;
    return { message, notAvailable: status === 501 };
  }
  return { message: error instanceof Error ? error.message : String(error), notAvailable: false };
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
