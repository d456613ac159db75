/**
 * When the background syncs: a repeating alarm whose period follows the settings, and a one-off retry alarm soon
 * after a sync that could not reach the feed (or when the server allows, if it said when). Browser-free: the
 * alarms API comes in as a parameter (`browser.alarms`, or `fakeBrowser.alarms` in tests).
 */
import type { StoredReport } from '../sync/controller';

/** The repeating sync alarm. */
export const SYNC_ALARM = 'paper-radar-sync';
/** The one-off retry after a failed or offline sync. */
export const RETRY_ALARM = 'paper-radar-retry';
/** How soon a failed or offline sync is tried again, unless the server asked for longer (`Retry-After`). */
export const RETRY_DELAY_MS = 5 * 60_000;

/** The part of `browser.alarms` the background uses. */
export interface Alarms {
  get(name: string): Promise<{ name: string; periodInMinutes?: number; scheduledTime: number } | undefined>;
  create(name: string, info: { when?: number; delayInMinutes?: number; periodInMinutes?: number }): Promise<void>;
  clear(name: string): Promise<boolean>;
}

/**
 * Makes the sync alarm repeat every `intervalMinutes` (first run one period from now). An alarm that already has
 * that period is left alone, so a worker restart does not push the next sync back. Returns whether it (re)created it.
 */
export async function scheduleSync(alarms: Alarms, intervalMinutes: number): Promise<boolean> {
  const existing = await alarms.get(SYNC_ALARM);
  if (existing?.periodInMinutes === intervalMinutes) return false;
  await alarms.create(SYNC_ALARM, { periodInMinutes: intervalMinutes, delayInMinutes: intervalMinutes });
  return true;
}

/**
 * When to try again after a sync that did not finish idle (epoch ms): `RETRY_DELAY_MS` from `now`, or the time the
 * server allowed (`report.retryAt`, from `Retry-After`) when that is later.
 */
export function retryTime(now: number, report: Pick<StoredReport, 'retryAt'> | undefined): number {
  return Math.max(now + RETRY_DELAY_MS, report?.retryAt ?? 0);
}
