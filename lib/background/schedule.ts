/**
 * When the background syncs: a repeating alarm whose period follows the settings, and a one-off retry alarm after a
 * sync that could not reach the feed, at the time the sync controller's backoff sets (`SyncStatus.nextAttemptAt`,
 * later when the server said so). Browser-free: the alarms API comes in as a parameter (`browser.alarms`, or
 * `fakeBrowser.alarms` in tests).
 */

/** The repeating sync alarm. */
export const SYNC_ALARM = 'paper-radar-sync';
/** The one-off retry after a failed or offline sync. */
export const RETRY_ALARM = 'paper-radar-retry';
/** A page opened while the feed was unreachable tries again at once, unless the last try is more recent than this. */
export const PAGE_RETRY_AFTER_MS = 15_000;

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
