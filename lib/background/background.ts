/**
 * The background's policy, browser-free: what happens on install, start-up, an alarm, coming back online, a
 * settings change and "Sync now". `entrypoints/background/index.ts` only creates the pieces and forwards the
 * browser's events here; tests drive the same class with `fakeBrowser` alarms, a fake clock and a fake feed.
 */
import type { StoreName, StoreRecords } from '../db/backup';
import type { MergeCount } from '../backup/transfer';
import { clearLibrary, importRecords } from '../db/backup';
import { openOrRebuild, type PaperRadarDB } from '../db/database';
import {
  clearPendingRebuild,
  countPapers,
  markRebuildPending,
  pendingRebuild,
  pruneUnconfirmedSnapshot,
} from '../db/queries';
import { log as rootLog, type Logger } from '../log';
import { mark } from '../trace';
import type { Settings } from '../settings/settings';
import { SyncController, type ControllerDeps, type SyncTrigger } from '../sync/controller';
import type { FetchLike } from '../sync/http';
import type { SyncStatus } from '../sync/status';
import { loadBundledSnapshot, reinjectArxivTabs, type InjectionApis } from './first-run';
import { pruneToWindow } from './retention';
import { PAGE_RETRY_AFTER_MS, RETRY_ALARM, scheduleSync, SYNC_ALARM, type Alarms } from './schedule';

/** Everything the background's policy needs from the worker: the database, the clock, the network and browser APIs. */
export interface BackgroundDeps extends InjectionApis {
  db: PaperRadarDB;
  /** Fetches the feed (the entrypoint omits credentials and the HTTP cache). */
  fetch: FetchLike;
  /** The bundled first-run snapshot's decoded JSON. */
  readSnapshot: () => Promise<unknown>;
  /** Epoch ms. */
  now: () => number;
  /** Monotonic ms for durations (`performance.now`); default `now`. */
  clock?: () => number;
  isOnline: () => boolean;
  settings: () => Promise<Settings>;
  /** The published sync status (an extension storage item: pages watch it). */
  status: { get(): Promise<SyncStatus>; set(status: SyncStatus): Promise<void> };
  alarms: Alarms;
  /**
   * The caches derived from the store: the search indexes (`relatedIndex` alone is small and loads in milliseconds;
   * `get` loads both, the typed-search one taking seconds at 50,000 papers) and the title matcher.
   */
  search: {
    relatedIndex(): Promise<unknown>;
    get(): Promise<unknown>;
    rebuild(): Promise<unknown>;
    /** Deletes the persisted indexes kept outside the database (their files), when the cache is cleared. */
    discardPersisted?(): Promise<unknown>;
    /** Told once the database is open: related replies read their rows from it from then on (`SearchService`). */
    databaseOpened?(): void;
    /** Told before the store changes: the persisted related rows no longer vouch for it (`SearchService`). */
    storeWillChange?(): Promise<unknown>;
    /** Told after a whole sync that changed no paper (the rows may vouch for the store again). */
    storeUnchanged?(): Promise<unknown>;
    /** Makes the papers of list dates a running sync stored searchable at once (see `SearchService.addListDates`). */
    addListDates?(dates: readonly string[]): Promise<unknown>;
  };
  titles: { invalidate(options?: { soon?: boolean }): void; warm(): Promise<number> };
  /** Resolves when the heavier warm-ups may start (after the first related answer; see priority-gate.ts). */
  warmAfter?: () => Promise<void>;
  /** Resolves at a pause in the pages' requests: the typed-search warm-up waits for it (see quiet.ts). */
  quiet?: () => Promise<void>;
  /** Told after the search index is rebuilt for a changed store (the user-data services: topics, "for you"). */
  storeChanged?: () => Promise<void>;
  /** Told when a sync stored the papers of `dates` while it goes on (the period ranking and topic index follow). */
  datesStored?: (dates: readonly string[]) => Promise<void>;
  /** Told when an import changed one of the user's own stores (history, saved papers, follows), to drop caches. */
  userDataImported?: (store: Exclude<StoreName, 'papers'>) => void;
  /** Passed to the sync controller (tests: no waiting between retries). */
  retry?: ControllerDeps['retry'];
  /** Bytes the store may still grow by (`navigator.storage.estimate()`), for the sync's full-disk handling. */
  storageLeft?: ControllerDeps['storageLeft'];
  log?: Logger;
}

/** Install reasons as `runtime.onInstalled` gives them. */
export type InstallReason = 'install' | 'update' | 'chrome_update' | 'browser_update' | 'shared_module_update';

/**
 * The background's policy. Create one per worker; forward the browser's events to its `on…` methods. Methods
 * throw only on bugs or browser API failures (the entrypoint logs them); expected trouble is in the sync status.
 */
export class Background {
  readonly controller: SyncController;
  /**
   * Settles once the database is open (rebuilt if it could not be) and the published status is recovered; every
   * event waits for it.
   */
  readonly ready: Promise<void>;
  private readonly log: Logger;
  /** Set by `ready` when the store was rebuilt or found emptied: `start` refills it from the feed at once. */
  private refill = false;
  /** The sync `sync()` runs now (with its retry alarm), if any. */
  private current: Promise<SyncStatus> | undefined;
  /** Set while the cache is being cleared: no sync starts then. */
  private clearing = false;
  /**
   * Counts the rebuilds for a changed store (a sync calls it when it added or updated a paper or deleted one; list
   * dates stored again unchanged are no change).
   */
  private changes = 0;

  constructor(private readonly deps: BackgroundDeps) {
    this.log = (deps.log ?? rootLog).child('background');
    this.controller = new SyncController({
      db: deps.db,
      fetch: deps.fetch,
      now: deps.now,
      settings: deps.settings,
      readStatus: () => deps.status.get(),
      publishStatus: (s) => deps.status.set(s),
      isOnline: deps.isOnline,
      nextScheduledSync: async () => (await deps.alarms.get(SYNC_ALARM))?.scheduledTime,
      ...(deps.storageLeft ? { storageLeft: deps.storageLeft } : {}),
      onStoreChanged: () => this.storeChanged(),
      // Each stored list date is searchable while the sync goes on (the full index update waits for its end).
      onDatesStored: async (dates) => {
        this.deps.titles.invalidate({ soon: true });
        await this.deps.search.addListDates?.(dates);
        await this.deps.datesStored?.(dates);
      },
      // After a sync that fetched its whole plan: the bundled snapshot gives way to the live feed, and whatever
      // left the backfill window goes (retention).
      afterComplete: async () => {
        const unconfirmed = await pruneUnconfirmedSnapshot(deps.db);
        const old = await pruneToWindow(deps.db, (await deps.settings()).backfillDays, deps.now());
        return unconfirmed + old;
      },
      ...(deps.retry ? { retry: deps.retry } : {}),
    });
    this.ready = this.open().catch((e: unknown) => this.log.error('start-up failed', e));
  }

  /**
   * Opens the store and recovers the status. A database that cannot be opened is rebuilt (empty) rather than
   * leaving the extension dead; one that opened empty though papers were counted was lost. Either way: the
   * snapshot now, a notice saying so, and the feed right after (`start`).
   */
  private async open(): Promise<void> {
    const rebuilt = await openOrRebuild(this.deps.db);
    mark('db-open');
    this.deps.search.databaseOpened?.();
    await this.controller.recover();
    mark('recovered');
    if (rebuilt === undefined && !this.controller.storeLost) return;
    // The persisted indexes were the lost store's: their files go with it (the database's stamps went already).
    await this.deps.search.discardPersisted?.();
    await this.loadSnapshot();
    const text = rebuilt
      ? `The local cache could not be opened (${rebuilt}) and was rebuilt: recent papers from the bundled snapshot now, the rest as the feed syncs.`
      : 'The local cache was found empty and was rebuilt: recent papers from the bundled snapshot now, the rest as the feed syncs.';
    await this.deps.status.set({ ...(await this.deps.status.get()), notice: { text, at: this.deps.now() } });
    this.log.warn(text);
    this.refill = true;
  }

  /**
   * Call once when the worker starts: resumes a sync a killed worker left unfinished (the per-date checkpoints skip
   * what it stored) or refills a rebuilt store, and warms the caches so the popup that woke the worker does not wait
   * for them — in the order that popup needs them: the related index (small), the title matcher (its page scan),
   * and last, once the pages' requests pause (`quiet`), the typed-search index, whose deserialization holds the
   * worker's thread for seconds at 50,000 papers and must not delay the popup's first answers. A change of the papers
   * that a killed worker never rebuilt for (an import or a prune cut short, see `changePapers`; a sync that crashed
   * or whose rebuild failed) is counted and rebuilt for meanwhile; a resumed sync finds the same pending-rebuild
   * marker and rebuilds at its end (`SyncController.run`).
   */
  async start(): Promise<void> {
    await this.ready;
    const resume =
      this.controller.interrupted || this.refill
        ? this.sync('startup')
        : this.finishPendingRebuild().catch((e: unknown) => this.log.error('pending rebuild failed', e));
    try {
      await this.deps.search.relatedIndex();
      await this.deps.warmAfter?.();
      await this.deps.titles.warm();
      await this.deps.quiet?.();
      await this.deps.search.get();
    } catch (e) {
      this.log.error('warm-up failed', e);
    }
    await resume;
  }

  /** `runtime.onInstalled`: re-inject arXiv tabs; on a fresh install load the snapshot; schedule; sync. */
  async onInstalled(reason: InstallReason): Promise<void> {
    await this.ready;
    const injected = reinjectArxivTabs(this.deps).catch((e: unknown) => {
      this.log.warn('re-injecting arXiv tabs failed', e);
      return [];
    });
    if (reason === 'install') await this.loadSnapshot();
    await this.schedule();
    await this.sync(reason === 'install' ? 'install' : 'startup');
    await injected;
  }

  /** `runtime.onStartup`: the browser started with the extension installed. */
  async onStartup(): Promise<void> {
    await this.ready;
    await this.schedule();
    await this.sync('startup');
  }

  /** `alarms.onAlarm`: the repeating sync or the retry after a failure. */
  async onAlarm(name: string): Promise<void> {
    if (name !== SYNC_ALARM && name !== RETRY_ALARM) return;
    await this.ready;
    await this.sync(name === RETRY_ALARM ? 'retry' : 'alarm');
  }

  /** The worker's `online` event. */
  async onOnline(): Promise<void> {
    await this.ready;
    await this.sync('online');
  }

  /**
   * The stored settings changed: the alarm follows the sync interval; a lower backfill window deletes what left it
   * at once (no reinstall, no waiting for the next sync), and a changed window syncs (to fill a larger one).
   */
  async onSettingsChanged(next: Settings, previous: Settings | undefined): Promise<void> {
    await this.ready;
    await this.schedule(next);
    if (previous === undefined || next.backfillDays === previous.backfillDays) return;
    if (next.backfillDays < previous.backfillDays) {
      await this.deps.search.storeWillChange?.();
      const pruned = await this.changePapers(
        () => pruneToWindow(this.deps.db, next.backfillDays, this.deps.now()),
        (n) => n > 0,
      );
      if (pruned > 0) {
        await this.publishCount();
        await this.storeChanged();
      }
    }
    await this.sync('settings');
  }

  /**
   * The published status, for a page asking. A page opened while the feed could not be reached tries again now
   * rather than at the backed-off time (one request tells; the host's circuit stops the run after a few if it is
   * still down), unless the last try was less than `PAGE_RETRY_AFTER_MS` ago.
   */
  async status(): Promise<SyncStatus> {
    await this.ready;
    const status = await this.deps.status.get();
    const failed = status.state === 'offline' || status.state === 'error';
    if (
      failed &&
      this.deps.isOnline() &&
      !this.controller.busy &&
      this.deps.now() - (status.lastAttemptAt ?? 0) > PAGE_RETRY_AFTER_MS
    ) {
      this.sync('page').catch((e: unknown) => this.log.error('page-open sync failed', e));
    }
    return status;
  }

  /** "Sync now": starts a sync and answers with the status it just published (pages watch it change). */
  async syncNow(): Promise<SyncStatus> {
    await this.ready;
    const running = this.sync('manual');
    running.catch(() => undefined);
    // Let the controller publish `syncing` before answering.
    await Promise.resolve();
    return this.deps.status.get();
  }

  /**
   * Runs a sync; when it did not end idle (offline, failed), asks to be woken at the status's `nextAttemptAt` (the
   * controller's backoff, or later when the server said so); a sync that ends idle clears a pending retry.
   */
  async sync(trigger: SyncTrigger): Promise<SyncStatus> {
    if (this.clearing) return this.deps.status.get();
    // Not waited for: the sync writes nothing before its first fetch answers, long after this storage write.
    this.deps.search.storeWillChange?.().catch((e: unknown) => this.log.warn('storeWillChange failed', e));
    const run = this.syncAndSchedule(trigger);
    this.current = run;
    try {
      return await run;
    } finally {
      if (this.current === run) this.current = undefined;
    }
  }

  private async syncAndSchedule(trigger: SyncTrigger): Promise<SyncStatus> {
    const changes = this.changes;
    const status = await this.controller.sync(trigger);
    if (status.state === 'idle' && this.changes === changes) {
      // A whole sync that changed no paper: the persisted related rows still vouch for the store (when the
      // trending list is theirs too; see `SearchService.storeUnchanged`).
      await this.deps.search.storeUnchanged?.().catch((e: unknown) => this.log.warn('storeUnchanged failed', e));
    }
    if (status.state === 'idle' || status.nextAttemptAt === undefined) {
      await this.deps.alarms.clear(RETRY_ALARM);
    } else {
      await this.deps.alarms.create(RETRY_ALARM, { when: status.nextAttemptAt });
    }
    return status;
  }

  /**
   * "Clear the cache" (settings): stops a running sync, deletes every cached paper with the sync state, trending
   * list and search indexes (their records and files), drops a pending retry, and publishes an empty idle status
   * (no "updated …" time: nothing is cached). Settings stay; the next scheduled sync fetches the backfill window
   * again. Returns that status.
   */
  async clearCache(): Promise<SyncStatus> {
    await this.ready;
    this.clearing = true;
    try {
      await this.controller.cancel();
      await this.current?.catch(() => undefined);
      const removed = await clearLibrary(this.deps.db);
      await this.deps.search.discardPersisted?.();
      await this.deps.alarms.clear(RETRY_ALARM);
      await this.storeChanged();
      const next: SyncStatus = { state: 'idle', count: await countPapers(this.deps.db) };
      await this.deps.status.set(next);
      this.log.info(`cache cleared: ${removed} papers`);
      return next;
    } finally {
      this.clearing = false;
    }
  }

  /**
   * Merges one chunk of an import into `store` (validated records; see `importRecords` in lib/db/backup.ts). For
   * papers it publishes the new count, and after the store's `last` chunk rebuilds what is derived from the papers
   * (search index, title matcher, topics) once — when any chunk changed a paper, in this worker or in one killed
   * during the import (the pending-rebuild marker, `changePapers`); for the user's own stores it tells
   * `userDataImported`.
   */
  async importRecords<K extends StoreName>(store: K, records: StoreRecords[K][], last: boolean): Promise<MergeCount> {
    await this.ready;
    const changed = (count: MergeCount) => count.added + count.updated > 0;
    if (store !== 'papers') {
      const count = await importRecords(this.deps.db, store, records);
      if (changed(count)) this.deps.userDataImported?.(store as Exclude<StoreName, 'papers'>);
      return count;
    }
    await this.deps.search.storeWillChange?.();
    const count = await this.changePapers(() => importRecords(this.deps.db, store, records), changed);
    if (changed(count)) {
      this.deps.titles.invalidate();
      await this.publishCount();
    }
    if (last && (await pendingRebuild(this.deps.db)) !== undefined) await this.storeChanged();
    return count;
  }

  /** Loads the bundled snapshot into an empty store; a broken snapshot is logged, never thrown. */
  async loadSnapshot(): Promise<number> {
    try {
      return await loadBundledSnapshot({
        db: this.deps.db,
        readBundled: this.deps.readSnapshot,
        now: this.deps.now,
        clock: this.deps.clock ?? this.deps.now,
        stored: async () => {
          this.deps.titles.invalidate();
          await this.publishCount();
        },
        rebuild: async () => {
          await this.deps.search.rebuild();
          await this.deps.storeChanged?.();
        },
      });
    } catch (e) {
      this.log.error('first-run snapshot not loaded', e);
      return 0;
    }
  }

  private async schedule(settings?: Settings): Promise<void> {
    const { syncIntervalMinutes } = settings ?? (await this.deps.settings());
    await scheduleSync(this.deps.alarms, syncIntervalMinutes);
  }

  private async publishCount(): Promise<void> {
    const status = await this.deps.status.get();
    await this.deps.status.set({ ...status, count: await countPapers(this.deps.db) });
  }

  /**
   * Runs `change` of the papers (an import's chunk, a prune) under the pending-rebuild marker (`REBUILD_PENDING`
   * in lib/db/queries.ts): set before it, so a worker killed during it or before the rebuild that follows leaves the
   * next worker's `start` a rebuild to run; set again after it when `changed` says it changed a paper, so a rebuild
   * that began before the change ended does not clear it; cleared when it changed nothing and no rebuild was
   * pending before. A `change` that throws leaves the marker set (a rebuild at the next start, perhaps for nothing).
   */
  private async changePapers<T>(change: () => Promise<T>, changed: (result: T) => boolean): Promise<T> {
    const { before, value } = await markRebuildPending(this.deps.db);
    const result = await change();
    if (changed(result)) await markRebuildPending(this.deps.db);
    else if (before === undefined) await clearPendingRebuild(this.deps.db, value);
    return result;
  }

  /** `start`: when a rebuild is pending (`changePapers`), publishes the store's count and rebuilds. */
  private async finishPendingRebuild(): Promise<void> {
    if ((await pendingRebuild(this.deps.db)) === undefined) return;
    this.log.warn('a change of the papers was not rebuilt for (the worker stopped in between): rebuilding now');
    await this.publishCount();
    await this.storeChanged();
  }

  /**
   * Rebuilds what is derived from the papers, then clears the pending-rebuild marker if no change marked it again
   * while the rebuild ran.
   */
  private async storeChanged(): Promise<void> {
    this.changes++;
    const pending = await pendingRebuild(this.deps.db);
    this.deps.titles.invalidate();
    await this.deps.search.rebuild();
    // Again: a matcher built while the rebuild ran may come from a title entries file the rebuild replaced.
    this.deps.titles.invalidate();
    await this.deps.storeChanged?.();
    if (pending !== undefined) await clearPendingRebuild(this.deps.db, pending);
  }
}
