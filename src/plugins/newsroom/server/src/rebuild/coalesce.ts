/**
 * When a target's pending events become one delivery. Editors publish in bursts (a dozen fixes in
 * a minute); each rebuild of a static site costs minutes, so events are held until the burst goes
 * quiet — but never longer than a maximum wait, or a steady trickle would starve the site forever.
 */
import type { RebuildEvent } from './types';
import { instantMs } from './time';

export interface CoalesceWindow {
  /** The batch is sent this long after the last event, if nothing else arrives. */
  quietMs: number;
  /** …and in any case no later than this long after the first event. */
  maxWaitMs: number;
}

export const DEFAULT_WINDOW: CoalesceWindow = Object.freeze({ quietMs: 5_000, maxWaitMs: 60_000 });

function assertWindow(window: CoalesceWindow): void {
  for (const key of ['quietMs', 'maxWaitMs'] as const) {
    const value = window[key];
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`coalesce window ${key} must be a non-negative number of ms, got ${value}`);
    }
  }
}

/**
 * When a batch of pending events for one target becomes due:
 * min(lastEventAt + quietMs, firstEventAt + maxWaitMs). Null for no events (nothing to send).
 * First and last are taken by time, not by array position, so the caller's ordering doesn't matter.
 */
export function batchDueAt(events: Pick<RebuildEvent, 'createdAt'>[], window: CoalesceWindow): Date | null {
  assertWindow(window);
  if (events.length === 0) return null;
  let first = Infinity;
  let last = -Infinity;
  for (const event of events) {
    const at = instantMs(event.createdAt, 'event createdAt');
    if (at < first) first = at;
    if (at > last) last = at;
  }
  return new Date(Math.min(last + window.quietMs, first + window.maxWaitMs));
}

export function isBatchDue(events: Pick<RebuildEvent, 'createdAt'>[], window: CoalesceWindow, now: Date): boolean {
  const due = batchDueAt(events, window);
  return due !== null && now.getTime() >= due.getTime();
}
