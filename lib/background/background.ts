/**
 * The background's policy, browser-free: what happens on install, start-up, an alarm, coming back online, a
 * settings change and "Sync now". `entrypoints/background/index.ts` only creates the pieces and forwards the
 * browser's events here; tests drive the same class with `fakeBrowser` alarms, a fake clock and a fake feed.
 */
import type { PaperRadarDB } from '../db/database';
import { countPapers, pruneUnconfirmedSnapshot } from '../db/queries';
import { log as rootLog, type Logger } from '../log';
import type { Settings } from '../settings/settings';
import { SyncController, type ControllerDeps, type SyncTrigger } from '../sync/controller';
import type { FetchLike } from '../sync/http';
import type { SyncStatus } from '../sync/status';
import { loadBundledSnapshot, reinjectArxivTabs, type InjectionApis } from './first-run';
import { pruneToWindow } from './retention';
import { RETRY_ALARM, retryTime, scheduleSync, SYNC_ALARM, type Alarms } from './schedule';

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
  /** The caches derived from the store: the search index and the title matcher. */
  search: { get(): Promise<unknown>; rebuild(): Promise<unknown> };
  titles: { invalidate(): void; warm(): Promise<number> };
  /** Told after the search index is rebuilt for a changed store (the user-data services: topics, "for you"). */
  storeChanged?: () => Promise<void>;
  /** Passed to the sync controller (tests: no waiting between retries). */
  retry?: ControllerDeps['retry'];
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
  /** Settles once the published status is recovered; every event waits for it. */
  readonly ready: Promise<void>;
  private readonly log: Logger;

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
      onStoreChanged: () => this.storeChanged(),
      // After a sync that fetched its whole plan: the bundled snapshot gives way to the live feed, and whatever
      // left the backfill window goes (retention).
      afterComplete: async () => {
        const unconfirmed = await pruneUnconfirmedSnapshot(deps.db);
        const old = await pruneToWindow(deps.db, (await deps.settings()).backfillDays, deps.now());
        return unconfirmed + old;
      },
      ...(deps.retry ? { retry: deps.retry } : {}),
    });
    this.ready = this.controller.recover().then(
      () => undefined,
      (e: unknown) => this.log.error('recovering the sync status failed', e),
    );
  }

  /**
   * Call once when the worker starts: resumes a sync a killed worker left unfinished (the per-date checkpoints skip
   * what it stored), and warms the search index and the title matcher so the popup that woke the worker does not
   * wait for them.
   */
  async start(): Promise<void> {
    await this.ready;
    const resume = this.controller.interrupted ? this.sync('startup') : Promise.resolve();
    try {
      await this.deps.search.get();
      await this.deps.titles.warm();
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
    await this.sync('alarm');
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
      const pruned = await pruneToWindow(this.deps.db, next.backfillDays, this.deps.now());
      if (pruned > 0) {
        await this.publishCount();
        await this.storeChanged();
      }
    }
    await this.sync('settings');
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
   * Runs a sync; when it did not end idle (offline, failed), asks to be woken again `RETRY_DELAY_MS` later (or when
   * the server allows); a sync that ends idle clears a pending retry.
   */
  async sync(trigger: SyncTrigger): Promise<SyncStatus> {
    const status = await this.controller.sync(trigger);
    if (status.state === 'idle') {
      await this.deps.alarms.clear(RETRY_ALARM);
    } else {
      const when = retryTime(this.deps.now(), await this.controller.lastReport());
      await this.deps.alarms.create(RETRY_ALARM, { when });
    }
    return status;
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

  private async storeChanged(): Promise<void> {
    this.deps.titles.invalidate();
    await this.deps.search.rebuild();
    await this.deps.storeChanged?.();
  }
}
