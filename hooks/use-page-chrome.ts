/**
 * The wiring every extension page shares (popup, reader, options): the published sync status kept live, the clock
 * that keeps "updated 5 min ago" true, whether the browser is online, and the "Sync now" action. Spread the result
 * (minus `version`) into a view: `status`, `now`, `online` and `onSyncNow` are the views' own prop names.
 */
import type { SyncStatus } from '../lib/sync/status';
import { send } from '../lib/ext/messaging';
import { log } from '../lib/log';
import { useCacheVersion } from './use-cache-version';
import { useNow } from './use-now';
import { useOnline } from './use-online';
import { useSyncStatus } from './use-sync-status';

export interface PageChrome {
  status: SyncStatus & { loaded: boolean };
  /** Changes when a sync settles with new content (see `useCacheVersion`); pages reload their data on it. */
  version: string | undefined;
  /** Epoch ms, updated every 30 s. */
  now: number;
  online: boolean;
  /** Asks the background to sync now; a failure is logged (the status line shows the sync's own outcome). */
  onSyncNow: () => void;
}

const syncLog = log.child('sync now');

export function usePageChrome(): PageChrome {
  const status = useSyncStatus();
  const version = useCacheVersion(status);
  const now = useNow();
  const online = useOnline();
  return { status, version, now, online, onSyncNow: syncNow };
}

function syncNow(): void {
  send({ type: 'syncNow' }).catch((e: unknown) => syncLog.error('request failed', e));
}
