/** Which list dates a sync fetches, and in what order. */
import type { DayState } from '../db/database';
import { addDays } from '../feed/dates';

export interface SyncSettings {
  /** How many list dates back from today to keep (today included). Default 60; clamped to 7…730. */
  backfillDays: number;
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = { backfillDays: 60 };
export const MIN_BACKFILL_DAYS = 7;
export const MAX_BACKFILL_DAYS = 730;
/** The newest list dates are fetched again on every sync: their upvotes are still moving. */
export const REFRESH_RECENT_DAYS = 3;
/** A date fetched less than this long after it began may have been a partial list: fetch it once more. */
const SETTLED_AFTER_MS = 3 * 24 * 3600 * 1000;

/** `n` clamped to the settable backfill range (non-numbers give the default). */
export function clampBackfillDays(n: number): number {
  if (!Number.isFinite(n)) return DEFAULT_SYNC_SETTINGS.backfillDays;
  return Math.min(MAX_BACKFILL_DAYS, Math.max(MIN_BACKFILL_DAYS, Math.round(n)));
}

/**
 * The first (oldest) list date of the backfill window that ends `today` (`YYYY-MM-DD`): the window holds
 * `clampBackfillDays(backfillDays)` dates, today included, so a window of 7 ending 2026-08-07 starts 2026-08-01.
 * Papers listed before it are what retention deletes.
 */
export function windowStart(today: string, backfillDays: number): string {
  return addDays(today, -(clampBackfillDays(backfillDays) - 1));
}

/**
 * The list dates to fetch, newest first: every date of the backfill window ending `today` that was never fetched,
 * whose last try failed, that is among the last `REFRESH_RECENT_DAYS`, or that was fetched while still young (its
 * list may have grown since). Dates fetched successfully and settled are skipped: that is what makes a sync
 * incremental, and what lets an interrupted one resume where it stopped.
 */
export function planSync(today: string, settings: SyncSettings, states: ReadonlyMap<string, DayState>): string[] {
  const days = clampBackfillDays(settings.backfillDays);
  const out: string[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(today, -i);
    const state = states.get(date);
    const recent = i < REFRESH_RECENT_DAYS;
    const settled =
      state?.status === 'ok' &&
      state.okAt !== undefined &&
      state.okAt >= Date.parse(`${date}T00:00:00Z`) + SETTLED_AFTER_MS;
    if (recent || !settled) out.push(date);
  }
  return out;
}
