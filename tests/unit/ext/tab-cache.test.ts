/** The popup's per-tab cache of its related list: keyed by tab, URL and cache version; bounded; session storage. */
import type { RelatedReply } from '../../../lib/ext/protocol';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  findTabEntry,
  popupCitedCache,
  popupRelatedCache,
  TAB_CACHE_SIZE,
  withTabEntry,
  type TabCacheEntry,
} from '../../../lib/ext/tab-cache';

const entry = (tabId: number, url = 'https://arxiv.org/abs/2401.00001', version = '10:1'): TabCacheEntry<string> => ({
  tabId,
  url,
  version,
  value: `list of ${tabId} at ${url} (${version})`,
});

beforeEach(() => {
  fakeBrowser.reset();
});

describe('findTabEntry', () => {
  it('finds the entry of the same tab, URL and version only', () => {
    const list = [entry(1), entry(2)];
    expect(findTabEntry(list, entry(2))).toEqual(entry(2));
    expect(findTabEntry(list, entry(2, 'https://arxiv.org/abs/2401.00002'))).toBeUndefined();
    expect(findTabEntry(list, entry(2, undefined, '11:2'))).toBeUndefined();
    expect(findTabEntry(list, entry(3))).toBeUndefined();
  });
});

describe('withTabEntry', () => {
  it('puts the entry first in place of the tab’s previous one', () => {
    const next = entry(1, 'https://arxiv.org/abs/2401.00009');
    expect(withTabEntry([entry(2), entry(1)], next)).toEqual([next, entry(2)]);
  });

  it(`keeps at most ${TAB_CACHE_SIZE} tabs, dropping the least recently written`, () => {
    let list: TabCacheEntry<string>[] = [];
    for (let t = 1; t <= TAB_CACHE_SIZE + 5; t++) list = withTabEntry(list, entry(t));
    expect(list).toHaveLength(TAB_CACHE_SIZE);
    expect(list[0]!.tabId).toBe(TAB_CACHE_SIZE + 5);
    expect(list.some((e) => e.tabId === 5)).toBe(false);
    expect(list.some((e) => e.tabId === 6)).toBe(true);
  });
});

describe('popupRelatedCache / popupCitedCache', () => {
  it('round-trip through session storage, by tab, URL and version', async () => {
    await popupRelatedCache.write(entry(7));
    await popupRelatedCache.write(entry(8));
    expect(await popupRelatedCache.read(entry(7))).toBe(entry(7).value);
    expect(await popupRelatedCache.read(entry(7, undefined, '11:2'))).toBeUndefined();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('start reading the storage before the key is known, and find the entry once it is', async () => {
    await popupRelatedCache.write(entry(7));
    const get = vi.spyOn(fakeBrowser.storage.session, 'get');
    try {
      let known!: (k: TabCacheEntry<string> | undefined) => void;
      const reading = popupRelatedCache.read(new Promise((r) => (known = r)));
      await Promise.resolve();
      expect(get).toHaveBeenCalledTimes(1);
      known(entry(7));
      expect(await reading).toBe(entry(7).value);
    } finally {
      get.mockRestore();
    }
    expect(await popupRelatedCache.read(Promise.resolve(undefined))).toBeUndefined();
    expect(await popupRelatedCache.read(Promise.reject(new Error('no tab')))).toBeUndefined();
  });

  it('keep their entries apart: the cited list of a tab is not its related list', async () => {
    await popupRelatedCache.write(entry(9));
    expect(await popupCitedCache.read(entry(9))).toBeUndefined();
    const cited: RelatedReply = { kind: 'related', basis: 'papers', papers: 4, hits: [], shared: ['diffusion'] };
    await popupCitedCache.write({ ...entry(9), value: cited });
    expect(await popupCitedCache.read(entry(9))).toEqual(cited);
    expect(await popupRelatedCache.read(entry(9))).toBe(entry(9).value);
  });
});
