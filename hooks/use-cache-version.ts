/** A Preact hook: a key that changes when the cached feed settles with new content, for pages to reload their data. */
import { useRef } from 'preact/hooks';
import type { SyncStatus } from '../lib/sync/status';

/**
 * `undefined` until the status has loaded, then `count:lastSuccessAt`, held steady while a sync runs (its count
 * moves with every date fetched; reloading a long list at each step would be wasted work) and updated when it ends.
 */
export function useCacheVersion(status: SyncStatus & { loaded: boolean }): string | undefined {
  const last = useRef<string | undefined>(undefined);
  if (status.loaded && (status.state !== 'syncing' || last.current === undefined)) {
    last.current = cacheVersionOf(status);
  }
  return last.current;
}

/**
 * The refresh key of a search (cheap to re-run, unlike the pages' long lists): `version`, plus while a sync runs the
 * count of papers it has stored and made searchable so far (`SyncController` publishes it after each batch of stored
 * list dates is indexed), so the results take in each stored list date during a long first sync.
 */
export function searchRefreshKey(version: string | undefined, status: SyncStatus): string | undefined {
  return status.state === 'syncing' ? `${version ?? ''}:${status.count}` : version;
}

/** The cache version of a status: `count:lastSuccessAt`. */
export function cacheVersionOf(status: Pick<SyncStatus, 'count' | 'lastSuccessAt'>): string {
  return `${status.count}:${status.lastSuccessAt ?? ''}`;
}
