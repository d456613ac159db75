import { describeStatus, type SyncStatus } from '../lib/ext/status';

export interface SyncStatusLineProps {
  status: SyncStatus;
  now: number;
}

/** The one-line sync status (`data-paper-radar="sync-status"` with state and count, as the contract says). */
export function SyncStatusLine({ status, now }: SyncStatusLineProps) {
  return (
    <p
      class={`pr-status pr-status--${status.state}`}
      role="status"
      aria-live="polite"
      data-paper-radar="sync-status"
      data-state={status.state}
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
