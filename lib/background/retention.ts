/**
 * Retention: the store keeps the papers of the backfill window the user chose (settings: "days to keep"), and
 * nothing older. Run after each complete sync and at once when the window is lowered.
 */
import type { PaperRadarDB } from '../db/database';
import { getTrending, pruneListedBefore } from '../db/queries';
import { toIsoDay } from '../feed/dates';
import { windowStart } from '../sync/plan';

/**
 * Deletes the papers listed before the window of `backfillDays` list dates ending today (UTC day of `now`), and the
 * sync states of those dates. Papers on the current trending list stay whatever their list date (the popup shows
 * that list; they go once they leave it). Returns how many papers went.
 */
export async function pruneToWindow(db: PaperRadarDB, backfillDays: number, now: number): Promise<number> {
  const trending = await getTrending(db);
  return pruneListedBefore(db, windowStart(toIsoDay(now), backfillDays), new Set(trending.ids));
}
