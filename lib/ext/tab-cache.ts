/**
 * The popup's last answers per tab (its related list, and its list related to the papers the page cites), kept in
 * session storage — in memory only, gone when the browser quits, never synced — so a popup opened again on the same
 * tab shows them at once, before a woken service worker has answered. An entry counts only for the same tab, the same
 * URL and the same cache version (the sync status's `count:lastSuccessAt`), so a list is never shown for another
 * page or after the feed changed.
 */
import { storage } from 'wxt/utils/storage';
import type { RelatedReply } from './protocol';

/** One tab's cached answer. */
export interface TabCacheEntry<T> {
  tabId: number;
  /** The tab's URL when the answer was made. */
  url: string;
  /** The cache version it was made at (see the module comment). */
  version: string;
  value: T;
}

/** Most tabs remembered; the least recently written go first. */
export const TAB_CACHE_SIZE = 20;

/** The entry of `list` for this tab, URL and version, if any. */
export function findTabEntry<T>(
  list: readonly TabCacheEntry<T>[],
  key: Pick<TabCacheEntry<T>, 'tabId' | 'url' | 'version'>,
): TabCacheEntry<T> | undefined {
  return list.find((e) => e.tabId === key.tabId && e.url === key.url && e.version === key.version);
}

/** `list` with `entry` first in place of the tab's previous entry, cut to `max` entries. */
export function withTabEntry<T>(
  list: readonly TabCacheEntry<T>[],
  entry: TabCacheEntry<T>,
  max = TAB_CACHE_SIZE,
): TabCacheEntry<T>[] {
  return [entry, ...list.filter((e) => e.tabId !== entry.tabId)].slice(0, Math.max(0, max));
}

/** What an entry is found by. */
export type TabKey = Pick<TabCacheEntry<unknown>, 'tabId' | 'url' | 'version'>;

/** One per-tab cache in session storage (see the module comment); every entry keyed by tab, URL and version. */
export interface TabCache<T> {
  /**
   * The tab's cached value for this URL and version; undefined when none (or no session storage, or the key is
   * undefined or fails). The key may be a promise: the storage read starts at once, alongside whatever the key waits
   * for (the popup's key needs the tab's URL and the sync status, two other browser round trips).
   */
  read(key: TabKey | Promise<TabKey | undefined>): Promise<T | undefined>;
  /** Remembers a tab's value; failures are ignored (the cache is an accelerator only). */
  write(entry: TabCacheEntry<T>): Promise<void>;
}

/** A per-tab cache kept under the session storage key `key`, `TAB_CACHE_SIZE` tabs at most. */
export function defineTabCache<T>(key: `session:${string}`): TabCache<T> {
  const item = storage.defineItem<TabCacheEntry<T>[]>(key, { fallback: [] });
  return {
    async read(k) {
      const list = item.getValue();
      try {
        const key = await k;
        return key ? findTabEntry(await list, key)?.value : undefined;
      } catch {
        // No session storage (an older browser), or no key: nothing cached.
        return undefined;
      } finally {
        list.catch(() => undefined);
      }
    },
    async write(entry) {
      try {
        await item.setValue(withTabEntry(await item.getValue(), entry));
      } catch {
        // No session storage, or its quota reached: the next popup asks the background as before.
      }
    },
  };
}

/** The popup's related list per tab (the first list under "This page"). */
export const popupRelatedCache = defineTabCache<unknown>('session:popupRelated');

/** The popup's "related to the papers this page cites" per tab, kept by the same rules. */
export const popupCitedCache = defineTabCache<RelatedReply>('session:popupCited');
