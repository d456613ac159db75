/** The sync status every page shows, as the background publishes it. */

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** Papers in the store. */
  count: number;
  /** Epoch ms of the last sync that fetched at least one date without failing as a whole. */
  lastSuccessAt?: number;
  /** Epoch ms when the last sync started. */
  lastAttemptAt?: number;
  /** Why the last sync failed or went partly wrong, in words a user can act on. */
  lastError?: string;
  /** While syncing: list dates done out of planned. */
  progress?: { done: number; planned: number };
  /**
   * With `state: 'offline'`, why the feed could not be reached: the browser is offline (`browser`), or it is online
   * and Hugging Face did not answer (`unreachable`: down, blocked, DNS, a captive portal).
   */
  offline?: 'browser' | 'unreachable';
  /** Epoch ms of the next automatic sync: the retry after a failure, or the next scheduled sync. */
  nextAttemptAt?: number;
  /** Consecutive runs that failed (offline, unreachable or error); sets the retry backoff. Absent after a success. */
  failedRuns?: number;
  /** Something the user should know about the store itself (it was rebuilt), and when it happened (epoch ms). */
  notice?: { text: string; at: number };
}

export const INITIAL_STATUS: SyncStatus = { state: 'idle', count: 0 };

/**
 * One line for the status bar: how many papers are cached and how fresh they are, the sync's progress, and when
 * the next scheduled sync is. It does not name an offline, unreachable or failed state: the page's one notice for
 * that state says it, with the retry time (`CacheNotices`), so a person reads each state once.
 *
 * - idle: `1,234 papers cached, updated 3 min ago · next sync in 57 min`
 * - syncing: `Syncing… 2/60 days · 1,234 papers cached`
 * - offline, unreachable, error: `1,234 papers cached, updated 2 h ago`
 */
export function describeStatus(s: SyncStatus, now: number): string {
  const papers = `${s.count.toLocaleString('en-US')} paper${s.count === 1 ? '' : 's'} cached`;
  const ago = s.lastSuccessAt !== undefined ? `, updated ${formatAgo(now - s.lastSuccessAt)}` : '';
  if (s.state === 'syncing') {
    return s.progress ? `Syncing… ${s.progress.done}/${s.progress.planned} days · ${papers}` : `Syncing… · ${papers}`;
  }
  const next =
    s.state === 'idle' && s.nextAttemptAt !== undefined ? ` · next sync ${formatIn(s.nextAttemptAt - now)}` : '';
  return `${papers}${ago}${next}`;
}

/** The state a page shows: offline whenever the browser is (even if the last sync failed for another reason). */
export function shownState(s: SyncStatus, online: boolean): SyncStatus['state'] {
  if (s.state === 'syncing') return 'syncing';
  return !online || s.state === 'offline' ? 'offline' : s.state;
}

/**
 * When the next automatic try is, in words (`in 5 min`), from the time the background really scheduled
 * (`nextAttemptAt`, the retry alarm's time with the backoff and any `Retry-After`); undefined when none is known.
 */
export function describeRetry(s: SyncStatus, now: number): string | undefined {
  return s.nextAttemptAt === undefined ? undefined : formatIn(s.nextAttemptAt - now);
}

/** `42 s ago`-style relative time for a non-negative duration in ms. */
export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/** `in 2 min`-style time until something, for a duration in ms (`now` when it is due). */
export function formatIn(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s <= 0) return 'now';
  if (s < 60) return `in ${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `in ${m} min`;
  const h = Math.round(m / 60);
  if (h < 48) return `in ${h} h`;
  return `in ${Math.round(h / 24)} days`;
}

/** How long pages show a `SyncStatus.notice` after it happened. */
export const NOTICE_MS = 24 * 3600_000;

/** The status's notice when it is recent enough to show, else `undefined`. */
export function currentNotice(s: SyncStatus, now: number): string | undefined {
  return s.notice && now - s.notice.at < NOTICE_MS ? s.notice.text : undefined;
}

/** Shortest wait before retrying a failed sync. Chrome runs alarms at most every 30 s. */
export const RETRY_BASE_MS = 30_000;
/** Longest wait between retries of failed syncs. */
export const RETRY_MAX_MS = 30 * 60_000;

/**
 * How long to wait before retrying after `failedRuns` failed syncs in a row (1 for the first): 30 s, 1 min,
 * 2 min, 4 min… doubling up to 30 min. No jitter: there is one client per browser, not a herd.
 */
export function retryDelayMs(failedRuns: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, failedRuns - 1));
}
