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
  /** Epoch ms of the retry the background scheduled after an offline or failed sync (its alarm's time). */
  retryAt?: number;
  /** While syncing: list dates done out of planned. */
  progress?: { done: number; planned: number };
}

export const INITIAL_STATUS: SyncStatus = { state: 'idle', count: 0 };

/**
 * One line for the status bar: how many papers are cached and how fresh they are, or the sync's progress. It does
 * not name an offline or failed state: the page's one notice for that state says it (`CacheNotices`), so a person
 * reads each state once.
 */
export function describeStatus(s: SyncStatus, now: number): string {
  const papers = `${s.count.toLocaleString('en-US')} paper${s.count === 1 ? '' : 's'} cached`;
  const ago = s.lastSuccessAt !== undefined ? `, updated ${formatAgo(now - s.lastSuccessAt)}` : '';
  if (s.state === 'syncing') {
    return s.progress ? `Syncing… ${s.progress.done}/${s.progress.planned} days · ${papers}` : `Syncing… · ${papers}`;
  }
  return `${papers}${ago}`;
}

/** The state a page shows: offline whenever the browser is (even if the last sync failed for another reason). */
export function shownState(s: SyncStatus, online: boolean): SyncStatus['state'] {
  if (s.state === 'syncing') return 'syncing';
  return !online || s.state === 'offline' ? 'offline' : s.state;
}

/**
 * When the next try is, in words (`in 5 min`, `now`), from the retry the background really scheduled; undefined
 * when none is known.
 */
export function describeRetry(s: SyncStatus, now: number): string | undefined {
  if (s.retryAt === undefined) return undefined;
  const ms = s.retryAt - now;
  if (ms < 60_000) return 'in under a minute';
  const m = Math.round(ms / 60_000);
  if (m < 90) return `in ${m} min`;
  return `at ${new Date(s.retryAt).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })}`;
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
