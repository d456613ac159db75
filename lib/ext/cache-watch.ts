/**
 * Content scripts learning that the cached feed changed, without WXT's storage wrapper (and the settings module and
 * Zod that `storage.ts` brings): they read the sync status the background keeps in `storage.local` directly.
 */
import { browser } from 'wxt/browser';
import type { SyncStatus } from '../sync/status';

/** The `storage.local` key of the sync status (`syncStatusItem` in `storage.ts` is `local:` + this). */
export const SYNC_STATUS_KEY = 'syncStatus';

/**
 * Calls `onChange` each time a sync settles (the status leaves `syncing`) having stored something — its
 * `lastSuccessAt` moved — so badges show the feed as it is now (new papers, new upvotes). Returns the function
 * that stops watching. Never throws.
 */
export function watchCacheChanges(onChange: () => void): () => void {
  const listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => {
    const change = changes[SYNC_STATUS_KEY];
    const before = change?.oldValue as SyncStatus | undefined;
    const after = change?.newValue as SyncStatus | undefined;
    if (area !== 'local' || !after || after.state === 'syncing') return;
    if (after.lastSuccessAt !== before?.lastSuccessAt || after.count !== before?.count) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
