/** A Preact hook over the published sync status: the current value, kept live by a storage watch. */
import { useEffect, useState } from 'preact/hooks';
import { INITIAL_STATUS, type SyncStatus } from '../lib/sync/status';
import { send } from '../lib/ext/messaging';
import { syncStatusItem } from '../lib/ext/sync-status-item';

export function useSyncStatus(): SyncStatus & { loaded: boolean } {
  const [status, setStatus] = useState<SyncStatus & { loaded: boolean }>({ ...INITIAL_STATUS, loaded: false });
  useEffect(() => {
    let live = true;
    // Tells the background a page is open: after a failed sync it tries again at once instead of at the
    // backed-off time (the answer is the same status the storage item holds).
    void send({ type: 'status' }).catch(() => {});
    void syncStatusItem.getValue().then((s) => live && setStatus({ ...s, loaded: true }));
    const unwatch = syncStatusItem.watch((s) => live && setStatus({ ...(s ?? INITIAL_STATUS), loaded: true }));
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return status;
}
