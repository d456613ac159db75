/**
 * The background service worker: the only writer of the database. Wiring only: the policy (install, start-up,
 * alarms, retries, retention, settings changes) is `lib/background/background.ts`; this file creates the pieces,
 * forwards the browser's events to them and answers the message protocol.
 */
import '../../lib/trace-start';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { parseRecords } from '../../lib/backup/file';
import { readRecords } from '../../lib/db/backup';
import { createDatabase } from '../../lib/db/database';
import { getPapers, listPapersByDate } from '../../lib/db/queries';
import { Background } from '../../lib/background/background';
import { openIndexFiles } from '../../lib/background/index-files';
import { lookupPapers, TitleService } from '../../lib/background/lookup';
import { PersonalService } from '../../lib/background/personal';
import { createPriorityGate } from '../../lib/background/priority-gate';
import { createQuiet } from '../../lib/background/quiet';
import { SearchService } from '../../lib/background/search-service';
import { BADGE_SCRIPTS } from '../../lib/ext/badge-scripts';
import { syncEverywhereScript } from '../../lib/ext/everywhere';
import { handleMessages } from '../../lib/ext/handle-messages';
import { loadSettings, quickStamps, settingsItem, syncStatusItem } from '../../lib/ext/storage';
import { log } from '../../lib/log';
import { readSettings } from '../../lib/settings/settings';
import { mark } from '../../lib/trace';

/** Search results a topic filter picks from (the typed search's best, before the filter). */
const TOPIC_SEARCH_POOL = 2000;

export default defineBackground({
  type: 'module',
  main() {
    mark('main');
    const db = createDatabase();
    // The title matcher and the typed-search index load after the first related answer (see priority-gate.ts).
    const gate = createPriorityGate();
    // The typed-search index loads once the pages' requests pause (see quiet.ts).
    const quiet = createQuiet();
    const search = new SearchService(db, Date.now, openIndexFiles(), quickStamps);
    // The related index's file is read while the database opens (a woken worker's first related answer needs both).
    search.preload();
    const personal = new PersonalService({
      db,
      index: () => search.relatedIndex(),
      settings: loadSettings,
      now: Date.now,
    });
    const titles = new TitleService(async () => {
      await gate.wait();
      return search.titleIndex();
    });
    const bg = new Background({
      db,
      fetch: (url, init) => fetch(url, { ...init, credentials: 'omit', cache: 'no-store' }),
      readSnapshot: async () => (await fetch(browser.runtime.getURL('/snapshot.json'))).json(),
      now: Date.now,
      clock: () => performance.now(),
      isOnline: () => navigator.onLine,
      storageLeft: async () => {
        const { quota, usage } = await navigator.storage.estimate();
        return quota === undefined || usage === undefined ? undefined : quota - usage;
      },
      settings: loadSettings,
      status: { get: () => syncStatusItem.getValue(), set: (s) => syncStatusItem.setValue(s) },
      alarms: browser.alarms,
      tabs: browser.tabs,
      injectArxivScript: (tabId) =>
        browser.scripting.executeScript({ target: { tabId }, files: [BADGE_SCRIPTS.arxiv] }),
      search,
      titles,
      warmAfter: () => gate.wait(),
      quiet: () => quiet.settled(),
      storeChanged: () => personal.storeChanged(),
      datesStored: (dates) => personal.datesStored(dates),
      userDataImported: (store) => personal.userDataImported(store),
    });
    const failed = (what: string) => (e: unknown) => log.error(`background: ${what} failed`, e);

    void bg.start().catch(failed('start'));
    browser.runtime.onInstalled.addListener(({ reason }) => void bg.onInstalled(reason).catch(failed('install')));
    browser.runtime.onStartup.addListener(() => void bg.onStartup().catch(failed('start-up')));
    browser.alarms.onAlarm.addListener(({ name }) => void bg.onAlarm(name).catch(failed(name)));
    self.addEventListener('online', () => void bg.onOnline().catch(failed('online sync')));

    const updateEverywhere = () => void loadSettings().then(syncEverywhereScript).catch(failed('all-sites badges'));
    settingsItem.watch((next, previous) => {
      void bg
        .onSettingsChanged(readSettings(next), previous ? readSettings(previous) : undefined)
        .catch(failed('settings'));
      updateEverywhere();
    });
    browser.permissions.onAdded.addListener(updateEverywhere);
    browser.permissions.onRemoved.addListener(updateEverywhere);
    updateEverywhere();

    const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

    handleMessages(
      {
        status: () => bg.status(),
        syncNow: () => bg.syncNow(),
        lookup: ({ ids }) => lookupPapers(db, ids),
        papers: async ({ ids }) => (await getPapers(db, ids)).filter((p) => p !== undefined),
        list: ({ from, to, limit }) =>
          listPapersByDate(db, { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(limit ? { limit } : {}) }),
        search: async ({ query, limit = 20, topic }) =>
          topic
            ? (await personal.ofTopic(await search.search(query, TOPIC_SEARCH_POOL), topic)).slice(0, limit)
            : search.search(query, limit),
        related: async ({ source, limit }) => {
          gate.hold();
          try {
            return await search.related(source, limit);
          } finally {
            gate.open();
          }
        },
        matchTitles: ({ text, metaTitle }) => titles.match(text, metaTitle),
        clearCache: () => bg.clearCache(),
        exportRecords: ({ store, after, limit }) => readRecords(db, store, after, limit),
        importRecords: ({ store, records, last }) => {
          // The page validated the whole file; the background checks again before writing (it trusts no message).
          const parsed = parseRecords(store, records);
          if (!parsed.ok) throw new Error(parsed.reason);
          return bg.importRecords(store, parsed.records, last);
        },
        pageCount: async ({ count }, sender) => {
          const tabId = sender.tab?.id;
          if (tabId === undefined || !action) return null;
          await action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
          await action.setBadgeBackgroundColor({ tabId, color: '#ff9d00' });
          return null;
        },
        visit: (v) => personal.visit(v),
        history: ({ limit }) => personal.history(limit),
        historyDelete: ({ ids }) => personal.deleteHistory(ids),
        historyClear: () => personal.clearHistory(),
        historyRestore: async ({ entries }) => {
          await personal.restoreHistory(entries);
          return null;
        },
        forYou: ({ limit }) => personal.forYou(limit),
        period: ({ period, date, topic, offset, limit }) => personal.period(period, date, { topic, offset, limit }),
        topics: () => personal.topicList(),
        follows: () => personal.followList(),
        follow: ({ kind, value }) => personal.follow(kind, value),
        unfollow: async ({ id }) => {
          await personal.unfollow(id);
          return null;
        },
        matchFollows: ({ entries }) => personal.matchFollows(entries),
        save: (req) => personal.save(req),
        unsave: async ({ ids }) => {
          await personal.unsave(ids);
          return null;
        },
        saved: () => personal.saved(),
      },
      quiet,
    );
  },
});
