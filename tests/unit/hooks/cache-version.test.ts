// The search's refresh key: steady when no sync runs, and moving with each batch of dates a running sync indexed.
import { describe, expect, it } from 'vitest';
import { searchRefreshKey } from '../../../hooks/use-cache-version';

describe('searchRefreshKey', () => {
  it('is the cache version when no sync runs', () => {
    expect(searchRefreshKey('592:1', { state: 'idle', count: 700 })).toBe('592:1');
    expect(searchRefreshKey(undefined, { state: 'offline', count: 0 })).toBeUndefined();
  });

  it('changes with the count a running sync publishes after indexing each batch of list dates', () => {
    const at = (count: number) => searchRefreshKey('592:1', { state: 'syncing', count });
    expect(at(1093)).not.toBe(at(2095));
    expect(at(1093)).toBe(at(1093));
    expect(at(1093)).not.toBe('592:1');
  });
});
