// @vitest-environment happy-dom
// A popup reopened on a tab paints the list it remembered for it before it wakes the background: the tab's scan (its
// injected script asks the background for the page's titles) and the popup's requests wait for `wake`; with nothing
// remembered they go at once.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPopupData, wakeAfter, WAKE_AFTER_CACHED_MS } from '../../../hooks/use-popup-data';
import { deferRequests, send } from '../../../lib/ext/messaging';
import { syncStatusItem } from '../../../lib/ext/sync-status-item';
import { popupRelatedCache } from '../../../lib/ext/tab-cache';
import { cacheVersionOf } from '../../../hooks/use-cache-version';

const settle = () => new Promise((r) => setTimeout(r, 0));

/** A frame source the test advances: `run()` calls the callbacks queued so far (one frame). */
function frames() {
  let queued: (() => void)[] = [];
  return {
    frame: (f: () => void) => void queued.push(f),
    run() {
      const now = queued;
      queued = [];
      for (const f of now) f();
    },
  };
}

describe('wakeAfter', () => {
  afterEach(() => vi.useRealTimers());

  it('settles at once when nothing is remembered for the tab', async () => {
    const f = frames();
    let woke = false;
    void wakeAfter(Promise.resolve(undefined), f.frame).then(() => (woke = true));
    await settle();
    expect(woke).toBe(true);
  });

  it('waits two frames and a task when a list is remembered', async () => {
    const f = frames();
    let woke = false;
    void wakeAfter(Promise.resolve({ hits: [] }), f.frame).then(() => (woke = true));
    await settle();
    expect(woke).toBe(false);
    f.run();
    await settle();
    expect(woke).toBe(false);
    f.run();
    await settle();
    await settle();
    expect(woke).toBe(true);
  });

  it('settles after WAKE_AFTER_CACHED_MS when no frame comes (a hidden page)', async () => {
    vi.useFakeTimers();
    let woke = false;
    void wakeAfter(Promise.resolve({ hits: [] }), () => undefined).then(() => (woke = true));
    await vi.advanceTimersByTimeAsync(WAKE_AFTER_CACHED_MS - 1);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(woke).toBe(true);
  });

  it('settles when the cache read fails', async () => {
    await expect(wakeAfter(Promise.reject(new Error('no session storage')))).resolves.toBeUndefined();
  });
});

describe('deferRequests', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('holds requests until its promise settles, then sends them in order; a rejected one releases them too', async () => {
    const sent: string[] = [];
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (m: unknown) => {
      sent.push((m as { type: string }).type);
      return { state: 'idle', count: 0 };
    });
    let release!: () => void;
    deferRequests(new Promise<void>((r) => (release = r)));
    const a = send({ type: 'status' });
    const b = send({ type: 'saved' });
    await settle();
    expect(sent).toEqual([]);
    release();
    await Promise.all([a, b]);
    expect(sent).toEqual(['status', 'saved']);

    let fail!: (e: Error) => void;
    deferRequests(new Promise<void>((_, r) => (fail = r)));
    const c = send({ type: 'status' });
    await settle();
    expect(sent).toHaveLength(2);
    fail(new Error('cache read failed'));
    await c;
    expect(sent).toEqual(['status', 'saved', 'status']);
  });
});

describe('startPopupData', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  async function arxivTab() {
    const tab = await fakeBrowser.tabs.create({ url: 'https://arxiv.org/abs/2406.17588', active: true });
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async () => ({ kind: 'trending', hits: [] }));
    const injected = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation(async () => []);
    return { tabId: tab.id!, injected };
  }

  it('scans the tab only once the remembered list has had its frames', async () => {
    const { tabId, injected } = await arxivTab();
    await popupRelatedCache.write({
      tabId,
      url: 'https://arxiv.org/abs/2406.17588',
      version: cacheVersionOf(await syncStatusItem.getValue()),
      value: { kind: 'trending', hits: [] },
    });
    const rafs: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => rafs.push(f));
    try {
      const start = startPopupData(`?tabId=${tabId}`);
      expect(await start.cached).toBeDefined();
      await settle();
      expect(injected).not.toHaveBeenCalled();
      while (rafs.length > 0) rafs.shift()!();
      await start.scan;
      expect(injected).toHaveBeenCalledOnce();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('scans at once when nothing is remembered for the tab', async () => {
    const { tabId, injected } = await arxivTab();
    vi.stubGlobal('requestAnimationFrame', () => undefined);
    try {
      const start = startPopupData(`?tabId=${tabId}`);
      await start.scan;
      expect(injected).toHaveBeenCalledOnce();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
