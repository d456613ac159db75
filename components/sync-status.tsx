import { currentNotice, describeRetry, describeStatus, shownState, type SyncStatus } from '../lib/sync/status';

export interface SyncStatusLineProps {
  status: SyncStatus;
  now: number;
  /** The browser's own online flag; offline wins over the stored state (`shownState`). Default true. */
  online?: boolean;
}

/**
 * The one-line sync status (`data-paper-radar="sync-status"` with state and count, as the contract says): counts,
 * freshness and progress. An offline or failed state is said once, by `CacheNotices`.
 */
export function SyncStatusLine({ status, now, online = true }: SyncStatusLineProps) {
  return (
    <p
      class={`pr-status pr-status--${status.state}`}
      role="status"
      aria-live="polite"
      data-paper-radar="sync-status"
      data-state={shownState(status, online)}
      data-count={String(status.count)}
      title={status.lastError ?? ''}
    >
      {describeStatus(status, now)}
    </p>
  );
}

export interface SyncNowButtonProps {
  busy: boolean;
  onClick: () => void;
}

export function SyncNowButton({ busy, onClick }: SyncNowButtonProps) {
  return (
    <button type="button" class="pr-button" data-paper-radar="sync-now" disabled={busy} onClick={onClick}>
      {busy ? 'Syncing…' : 'Sync now'}
    </button>
  );
}

export interface CacheNoticesProps {
  status: SyncStatus & { loaded?: boolean };
  online: boolean;
  /** Epoch ms, for "tries again in …" and how long a notice stays; default `Date.now()`. */
  now?: number;
  /** Shows a "Sync now" action in the empty-cache notice when given. */
  onSyncNow?: () => void;
}

/**
 * What a page says about its data beyond the status line: nothing cached yet (with a way to sync), offline (the
 * cache still works), and a failed last sync. Renders nothing when all is well.
 */
export function CacheNotices({ status, online, onSyncNow, now = Date.now() }: CacheNoticesProps) {
  const state = shownState(status, online);
  const offline = state === 'offline';
  // The browser is online but Hugging Face does not answer: not "offline", and it says when it tries again.
  const unreachable = online && status.state === 'offline' && status.offline === 'unreachable';
  const empty = status.loaded !== false && status.count === 0;
  const retry = describeRetry(status, now);
  const notice = currentNotice(status, now);
  return (
    <>
      {notice && (
        <p class="pr-notice pr-notice--rebuilt" data-notice="rebuilt" role="alert">
          {notice}
        </p>
      )}
      {empty &&
        (state === 'syncing' ? (
          <p class="pr-notice pr-notice--empty" data-notice="empty">
            Fetching the Daily Papers feed…
          </p>
        ) : (
          <p class="pr-notice pr-notice--empty" data-notice="empty">
            <span>No papers cached yet{offline ? ' — connect to the internet and sync' : ''}.</span>
            {onSyncNow && !offline && (
              <button type="button" class="pr-button pr-button--primary" onClick={onSyncNow}>
                Sync now
              </button>
            )}
          </p>
        ))}
      {unreachable && !empty && (
        <p class="pr-notice pr-notice--offline" data-notice="offline">
          Hugging Face is unreachable — showing the {status.count.toLocaleString('en-US')} cached papers. Paper Radar
          tries again {retry ?? 'soon'}, and at once when you open it.
        </p>
      )}
      {offline && !unreachable && !empty && (
        <p class="pr-notice pr-notice--offline" data-notice="offline">
          Offline — showing the {status.count.toLocaleString('en-US')} cached papers. Paper Radar syncs again as soon as
          you are back online.
        </p>
      )}
      {state === 'error' && (
        <p class="pr-notice pr-notice--error" data-notice="error" role="alert">
          The last sync failed{status.lastError ? `: ${status.lastError}` : ''}.{' '}
          {status.count > 0 ? 'The cached papers still work. ' : ''}
          {retry ? `Paper Radar tries again ${retry}.` : 'Paper Radar tries again at the next scheduled sync.'}
        </p>
      )}
    </>
  );
}
