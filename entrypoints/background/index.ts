/**
 * The background service worker: the only writer of the database. It loads the first-run snapshot, runs syncs
 * (on install, start-up, an alarm, coming back online, and on request) and answers the message protocol.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createDatabase, openOrRebuild } from '../../lib/db/database';
import {
  countPapers,
  getAllPapers,
  listPapersByDate,
  loadSnapshotIfEmpty,
  getPapers,
  pruneUnconfirmedSnapshot,
  setMeta,
} from '../../lib/db/queries';
import { readSnapshot } from '../../lib/feed/snapshot';
import { ARXIV_MATCHES } from '../../lib/arxiv/hosts';
import { lookupPapers, TitleService } from '../../lib/background/lookup';
import { BADGE_SCRIPTS } from '../../lib/ext/badge-scripts';
import { syncEverywhereScript } from '../../lib/ext/everywhere';
import { handleMessages } from '../../lib/ext/handle-messages';
import { loadSettings, settingsItem, syncStatusItem } from '../../lib/ext/storage';
import { SyncController, type SyncTrigger } from '../../lib/sync/controller';
import { SearchService } from '../../lib/background/search-service';

const ALARM = 'paper-radar-sync';
/** A one-off retry after a failed or offline sync, at the time the controller's backoff sets. */
const RETRY_ALARM = 'paper-radar-retry';
/** A page opened while the feed was unreachable tries again at once, unless the last try is more recent than this. */
const PAGE_RETRY_AFTER_MS = 15_000;

export default defineBackground({
  type: 'module',
  main() {
    const db = createDatabase();
    const search = new SearchService(db);
    const titles = new TitleService(async () => (await getAllPapers(db)).map((p) => ({ id: p.id, title: p.title })));
    const controller = new SyncController({
      db,
      fetch: (url, init) => fetch(url, { ...init, credentials: 'omit', cache: 'no-store' }),
      now: Date.now,
      settings: loadSettings,
      readStatus: () => syncStatusItem.getValue(),
      publishStatus: (s) => syncStatusItem.setValue(s),
      isOnline: () => navigator.onLine,
      nextScheduledSync: async () => (await browser.alarms.get(ALARM))?.scheduledTime,
      storageLeft: async () => {
        const { quota, usage } = await navigator.storage.estimate();
        return quota === undefined || usage === undefined ? undefined : quota - usage;
      },
      onStoreChanged: async () => {
        titles.invalidate();
        await search.rebuild();
      },
      afterComplete: async () => {
        // The first complete sync replaces the bundled snapshot with the live feed of the window.
        return pruneUnconfirmedSnapshot(db);
      },
    });
    const ready = (async () => {
      // A database that cannot be opened is rebuilt (empty) rather than leaving the extension dead; one that
      // opened empty though papers were counted was lost. Either way: the snapshot now, the feed right after.
      const rebuilt = await openOrRebuild(db);
      await controller.recover();
      if (rebuilt !== undefined || controller.storeLost) {
        await loadSnapshot();
        const text = rebuilt
          ? `The local cache could not be opened (${rebuilt}) and was rebuilt: recent papers from the bundled snapshot now, the rest as the feed syncs.`
          : 'The local cache was found empty and was rebuilt: recent papers from the bundled snapshot now, the rest as the feed syncs.';
        await syncStatusItem.setValue({ ...(await syncStatusItem.getValue()), notice: { text, at: Date.now() } });
        console.warn(`[paper-radar] ${text}`);
        return true;
      }
      return controller.interrupted;
    })().catch((e: unknown) => {
      console.error('[paper-radar] start-up failed', e);
      return false;
    });
    // A worker killed mid-sync resumes at once (the per-date checkpoints skip what it had stored), and a rebuilt
    // store is refilled at once.
    void ready.then((resume) => (resume ? sync('startup') : undefined));
    // Warm the search index and the title matcher as soon as the worker starts, so the popup that woke it (or the
    // next one) does not wait for them.
    void ready
      .then(() => search.get())
      .then(() => titles.match([]))
      .catch((e: unknown) => console.error('[paper-radar] warm-up failed', e));

    async function loadSnapshot(): Promise<void> {
      try {
        const started = performance.now();
        const res = await fetch(browser.runtime.getURL('/snapshot.json'));
        const snap = readSnapshot(await res.json());
        if (!snap.ok) throw new Error(snap.reason);
        const added = await loadSnapshotIfEmpty(db, snap.papers, Date.now());
        if (added > 0) {
          titles.invalidate();
          await syncStatusItem.setValue({ ...(await syncStatusItem.getValue()), count: await countPapers(db) });
          const usableMs = performance.now() - started;
          await search.rebuild();
          // Kept for diagnostics (and read by the benchmarks): how long the first run took to become useful.
          await setMeta(db, 'snapshotLoad', {
            count: added,
            usableMs,
            indexedMs: performance.now() - started,
          });
        }
      } catch (e) {
        console.error('[paper-radar] first-run snapshot not loaded', e);
      }
    }

    /** Runs a sync and, when it could not reach the feed, asks to be woken when the controller's backoff says. */
    async function sync(trigger: SyncTrigger): Promise<void> {
      const status = await controller.sync(trigger);
      if (status.state === 'idle' || status.nextAttemptAt === undefined) {
        await browser.alarms.clear(RETRY_ALARM);
        return;
      }
      await browser.alarms.create(RETRY_ALARM, { when: status.nextAttemptAt });
    }

    async function scheduleAlarm(): Promise<void> {
      const { syncIntervalMinutes } = await loadSettings();
      const existing = await browser.alarms.get(ALARM);
      if (existing?.periodInMinutes !== syncIntervalMinutes) {
        await browser.alarms.create(ALARM, {
          periodInMinutes: syncIntervalMinutes,
          delayInMinutes: syncIntervalMinutes,
        });
      }
    }

    async function reinjectArxivTabs(): Promise<void> {
      // Tabs opened before an install or update have no (live) content script: give them one.
      const tabs = await browser.tabs.query({ url: ARXIV_MATCHES });
      await Promise.all(
        tabs.map((tab) =>
          tab.id === undefined
            ? undefined
            : browser.scripting
                .executeScript({ target: { tabId: tab.id }, files: [BADGE_SCRIPTS.arxiv] })
                .catch(() => undefined),
        ),
      );
    }

    browser.runtime.onInstalled.addListener(({ reason }) => {
      void (async () => {
        await ready;
        void reinjectArxivTabs();
        if (reason === 'install') await loadSnapshot();
        await scheduleAlarm();
        await sync(reason === 'install' ? 'install' : 'startup');
      })();
    });
    browser.runtime.onStartup.addListener(() => {
      void ready.then(() => scheduleAlarm()).then(() => sync('startup'));
    });
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === ALARM) void ready.then(() => sync('alarm'));
      else if (alarm.name === RETRY_ALARM) void ready.then(() => sync('retry'));
    });
    self.addEventListener('online', () => void ready.then(() => sync('online')));
    const updateEverywhere = () =>
      void loadSettings()
        .then(syncEverywhereScript)
        .catch((e: unknown) => console.error('[paper-radar] all-sites badges', e));
    settingsItem.watch(() => {
      void scheduleAlarm();
      updateEverywhere();
    });
    browser.permissions.onAdded.addListener(updateEverywhere);
    browser.permissions.onRemoved.addListener(updateEverywhere);
    updateEverywhere();

    const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

    handleMessages({
      status: async () => {
        await ready;
        const status = await syncStatusItem.getValue();
        // A page opened while the feed could not be reached: try again now rather than at the backed-off time
        // (one request tells; the host's circuit stops the run after a few if it is still down).
        const failed = status.state === 'offline' || status.state === 'error';
        if (
          failed &&
          navigator.onLine &&
          !controller.busy &&
          Date.now() - (status.lastAttemptAt ?? 0) > PAGE_RETRY_AFTER_MS
        ) {
          void sync('page');
        }
        return status;
      },
      syncNow: async () => {
        await ready;
        void sync('manual');
        // Answer at once with the status the sync just published; pages watch it change.
        await Promise.resolve();
        return syncStatusItem.getValue();
      },
      lookup: ({ ids }) => lookupPapers(db, ids),
      papers: async ({ ids }) => (await getPapers(db, ids)).filter((p) => p !== undefined),
      list: ({ from, to, limit }) =>
        listPapersByDate(db, { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(limit ? { limit } : {}) }),
      search: ({ query, limit }) => search.search(query, limit),
      related: ({ source, limit }) => search.related(source, limit),
      matchTitles: ({ texts }) => titles.match(texts),
      pageCount: async ({ count }, sender) => {
        const tabId = sender.tab?.id;
        if (tabId === undefined || !action) return null;
        await action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
        await action.setBadgeBackgroundColor({ tabId, color: '#ff9d00' });
        return null;
      },
    });
  },
});
