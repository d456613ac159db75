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
}

export const INITIAL_STATUS: SyncStatus = { state: 'idle', count: 0 };

/** One line for the status bar: what a person needs to know about the cache. */
export function describeStatus(s: SyncStatus, now: number): string {
  const papers = `${s.count.toLocaleString('en-US')} paper${s.count === 1 ? '' : 's'} cached`;
  const ago = s.lastSuccessAt !== undefined ? `, updated ${formatAgo(now - s.lastSuccessAt)}` : '';
  switch (s.state) {
    case 'syncing':
      return s.progress ? `Syncing… ${s.progress.done}/${s.progress.planned} days · ${papers}` : `Syncing… · ${papers}`;
    case 'offline':
      return `Offline · ${papers}${ago}`;
    case 'error':
      return `Sync failed: ${s.lastError ?? 'unknown error'} · ${papers}${ago}`;
    default:
      return `${papers}${ago}`;
  }
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
