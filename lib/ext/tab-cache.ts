/**
 * The popup's last answer per tab (its related list), kept in session storage — in memory only, gone when the
 * browser quits, never synced — so a popup opened again on the same tab shows it at once, before a woken service
 * worker has answered. An entry counts only for the same tab, the same URL and the same cache version (the sync
 * status's `count:lastSuccessAt`), so a list is never shown for another page or after the feed changed.
 */
import { storage } from 'wxt/utils/storage';

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

const popupRelatedItem = storage.defineItem<TabCacheEntry<unknown>[]>('session:popupRelated', { fallback: [] });

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

/** The popup's cached related list for this tab, URL and version; undefined when none (or no session storage). */
export async function readPopupRelated<T>(key: Pick<TabCacheEntry<T>, 'tabId' | 'url' | 'version'>) {
  try {
    return findTabEntry((await popupRelatedItem.getValue()) as TabCacheEntry<T>[], key)?.value;
  } catch {
    // No session storage (an older browser): nothing cached.
    return undefined;
  }
}

/** Remembers the popup's related list for a tab; failures are ignored (the cache is an accelerator only). */
export async function writePopupRelated<T>(entry: TabCacheEntry<T>): Promise<void> {
  try {
    await popupRelatedItem.setValue(withTabEntry(await popupRelatedItem.getValue(), entry));
  } catch {
    // No session storage, or its quota reached: the next popup asks the background as before.
  }
}
