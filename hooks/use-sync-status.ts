/** A Preact hook over the published sync status: the current value, kept live by a storage watch. */
import { useEffect, useState } from 'preact/hooks';
import { INITIAL_STATUS, type SyncStatus } from '../lib/sync/status';
import { syncStatusItem } from '../lib/ext/storage';

export function useSyncStatus(): SyncStatus & { loaded: boolean } {
  const [status, setStatus] = useState<SyncStatus & { loaded: boolean }>({ ...INITIAL_STATUS, loaded: false });
  useEffect(() => {
    let live = true;
    void syncStatusItem.getValue().then((s) => live && setStatus({ ...s, loaded: true }));
    const unwatch = syncStatusItem.watch((s) => live && setStatus({ ...(s ?? INITIAL_STATUS), loaded: true }));
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return status;
}
