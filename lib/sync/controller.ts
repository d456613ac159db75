/**
 * Runs syncs for the background: one at a time, publishing a `SyncStatus` before, during and after each, and
 * keeping the last report. Browser-free: storage of the status, the clock, `fetch` and the settings come in.
 */
import type { PaperRadarDB } from '../db/database';
import { clearPendingRebuild, countPapers, getMeta, hasPapers, markRebuildPending, setMeta } from '../db/queries';
import { mark } from '../trace';
import { retryDelayMs, type SyncStatus } from './status';
import { runSync, type SyncReport } from './engine';
import type { FetchLike, RetryOptions } from './http';
import type { SyncSettings } from './plan';
import { log } from '../log';

const syncLog = log.child('sync');

export interface ControllerDeps {
  db: PaperRadarDB;
  fetch: FetchLike;
  now: () => number;
  settings: () => Promise<SyncSettings>;
  /** Reads the last published status (it survives a service worker restart). */
  readStatus: () => Promise<SyncStatus>;
  publishStatus: (status: SyncStatus) => Promise<void>;
  /** Called after a sync that changed the store (to rebuild the search index). */
  onStoreChanged?: () => Promise<void>;
  /**
   * Called while a sync runs with the list dates it stored since the previous call (to add their papers to the search
   * index at once). One call at a time: dates stored meanwhile wait for the next call, so a slow call batches more.
   * After each call the published status counts the papers stored so far (pages re-run their searches on it). The
   * sync's end waits for the last call; a failing call is logged and the sync goes on.
   */
  onDatesStored?: (dates: readonly string[]) => Promise<void>;
  /**
   * Called after a sync that fetched every planned date (none failed, none skipped); may change the store.
   * The background uses it to drop first-run snapshot papers no sync confirmed.
   */
  afterComplete?: () => Promise<unknown>;
  /** Whether the browser believes it is online; default: always. */
  isOnline?: () => boolean;
  /** When the next scheduled sync will run (epoch ms), shown after a successful one; default unknown. */
  nextScheduledSync?: () => Promise<number | undefined>;
  /** Passed to the engine (`SyncDeps.storageLeft`). */
  storageLeft?: () => Promise<number | undefined>;
  retry?: Omit<RetryOptions, 'fetch' | 'signal' | 'now'>;
}

/** Why a run was asked for (kept in the report for diagnostics). */
export type SyncTrigger = 'install' | 'startup' | 'alarm' | 'retry' | 'online' | 'page' | 'manual' | 'settings';

/** The report kept in `meta` after each run. */
export interface StoredReport extends SyncReport {
  trigger: SyncTrigger;
}

/** Summarizes why a sync failed, for the status line. */
export function reportError(report: SyncReport): string | undefined {
  if (report.aborted) return report.aborted;
  if (report.failed.length === 0) return undefined;
  const first = report.failed[0]!;
  const more = report.failed.length > 1 ? ` (and ${report.failed.length - 1} more)` : '';
  return `${first.date}: ${first.reason}${more}`;
}

export class SyncController {
  private running: Promise<SyncStatus> | undefined;
  private abort: AbortController | undefined;
  /** Set by `recover` when the previous worker died mid-sync: the caller should resume it now. */
  interrupted = false;
  /**
   * Set by `recover` when the store is empty though the last published status counted papers: the database was
   * lost (deleted, rebuilt, or emptied by the browser) and the caller should refill it.
   */
  storeLost = false;

  constructor(private readonly deps: ControllerDeps) {}

  /**
   * Fixes the published status after a start: a status left at `syncing` by a service worker that was killed
   * mid-sync goes back to what the store holds (the per-date checkpoints make the next run resume). Only then, or
   * when the status counts no paper, are the papers counted (a count walks every record, and a woken worker's first
   * answers wait behind it); otherwise the published count stands — every path that changes the store publishes its
   * own count (sync, clear, import, prune) — and only whether the store is empty is checked (`storeLost`). The
   * status is written back only when this changed it.
   */
  async recover(): Promise<SyncStatus> {
    const status = await this.deps.readStatus();
    this.interrupted = status.state === 'syncing';
    const recount = this.interrupted || status.count === 0;
    const count = recount ? await countPapers(this.deps.db) : (await hasPapers(this.deps.db)) ? status.count : 0;
    mark('recover-counted');
    this.storeLost = status.count > 0 && count === 0;
    const next: SyncStatus = { ...status, count, state: status.state === 'syncing' ? 'idle' : status.state };
    delete next.progress;
    if (next.count !== status.count || next.state !== status.state || status.progress !== undefined) {
      await this.deps.publishStatus(next);
    }
    return next;
  }

  /**
   * Sets the pending-rebuild marker (`markRebuildPending` in lib/db/queries.ts) before the sync's first write, so a
   * worker killed before the rebuild that follows the sync leaves the next worker a rebuild to run (its resumed sync
   * runs it, `run`). Undefined when the marker could not be written (a full disk): logged, and the sync goes on.
   */
  private async markRebuildPending(): Promise<{ before: number | undefined; value: number } | undefined> {
    try {
      return await markRebuildPending(this.deps.db);
    } catch (e) {
      syncLog.warn('pending-rebuild marker not set', e);
      return undefined;
    }
  }

  /** Whether a sync is running in this worker now. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /**
   * Stops the running sync, if any (its fetches are aborted and the dates it already stored stay), and resolves
   * once it has published its last status.
   */
  async cancel(): Promise<void> {
    this.abort?.abort();
    await this.running?.catch(() => undefined);
  }

  /** Starts a sync unless one is running, and resolves with the status after it. */
  sync(trigger: SyncTrigger): Promise<SyncStatus> {
    if (!this.running) {
      const abort = new AbortController();
      this.abort = abort;
      this.running = this.run(trigger, abort.signal).finally(() => {
        this.running = undefined;
        this.abort = undefined;
      });
    }
    return this.running;
  }

  private async run(trigger: SyncTrigger, signal: AbortSignal): Promise<SyncStatus> {
    const { db, now } = this.deps;
    const before = await this.deps.readStatus();
    const base: SyncStatus = { ...before, count: await countPapers(db), lastAttemptAt: now() };
    delete base.progress;
    if (!this.online()) {
      const offline = this.failed({
        ...base,
        state: 'offline',
        offline: 'browser',
        lastError: 'the browser is offline',
      });
      await this.deps.publishStatus(offline);
      return offline;
    }
    await this.deps.publishStatus({ ...base, state: 'syncing' });
    const marker = await this.markRebuildPending();
    let progress: SyncStatus['progress'];
    const stored = this.storedDates(async () => {
      base.count = await countPapers(db).catch(() => base.count);
      await this.deps.publishStatus({ ...base, state: 'syncing', ...(progress ? { progress } : {}) });
    });
    let report: SyncReport;
    try {
      report = await runSync({
        db,
        fetch: this.deps.fetch,
        now,
        settings: await this.deps.settings(),
        signal,
        ...(this.deps.retry ? { retry: this.deps.retry } : {}),
        ...(this.deps.storageLeft ? { storageLeft: this.deps.storageLeft } : {}),
        onProgress: (done, planned) => {
          progress = { done, planned };
          void this.deps.publishStatus({ ...base, state: 'syncing', progress });
        },
        onDateStored: stored.add,
      });
      await stored.settled();
    } catch (e) {
      await stored.settled();
      // A bug or a broken database: say so, keep the store as it is.
      const failed: SyncStatus = { ...base, state: 'error', lastError: `sync crashed: ${(e as Error).message}` };
      await this.deps.publishStatus(failed);
      return failed;
    }
    // Nothing after the run may keep the status at `syncing`: each step's failure (a full disk refusing the
    // report, an index that cannot be persisted) is logged and the final status is published regardless.
    // A rebuild was pending before this sync (a worker killed mid-sync, mid-import or before their rebuild): this
    // sync's rebuild is that rebuild too, even if it fetched nothing new.
    let changed = report.added + report.updated > 0 || marker?.before !== undefined;
    if (report.failed.length === 0 && !report.aborted && report.fetched.length > 0 && this.deps.afterComplete) {
      try {
        changed = (await this.deps.afterComplete()) !== 0 || changed;
      } catch (e) {
        syncLog.error('after-complete step failed', e);
      }
    }
    // The report goes in once the papers are final (after the after-complete step's deletions), so whoever sees
    // the new report sees the store the sync left.
    try {
      await setMeta<StoredReport>(db, 'lastReport', { ...report, trigger });
    } catch (e) {
      syncLog.error('the sync report was not stored', e);
    }
    // The marker is set again once the papers are final, so a rebuild that began (an import's) before this sync's
    // last write cannot clear it, and cleared after the rebuild unless a change marked it again meanwhile. A sync
    // that changed nothing takes its own mark back (one pending before it stays for whoever set it).
    if (changed || report.pruned > 0) {
      const final = await this.markRebuildPending();
      try {
        await this.deps.onStoreChanged?.();
        if (final) await clearPendingRebuild(db, final.value);
      } catch (e) {
        syncLog.error('after-sync step failed', e);
      }
    } else if (marker && marker.before === undefined) {
      await clearPendingRebuild(db, marker.value).catch((e: unknown) => syncLog.warn('marker not cleared', e));
    }
    const count = await countPapers(db).catch(() => base.count);
    const error = reportError(report);
    let next: SyncStatus = { ...base, count };
    delete next.offline;
    if (report.offline) {
      const online = this.online();
      next = this.failed(
        { ...next, state: 'offline', offline: online ? 'unreachable' : 'browser', lastError: error ?? 'no network' },
        report.retryAt,
      );
    } else if (report.storageFull || (report.fetched.length === 0 && report.planned.length > 0)) {
      next = this.failed({ ...next, state: 'error', lastError: error ?? 'nothing fetched' }, report.retryAt);
    } else {
      next.state = 'idle';
      next.lastSuccessAt = report.finishedAt;
      delete next.failedRuns;
      if (error) next.lastError = error;
      else delete next.lastError;
      const scheduled = await this.deps.nextScheduledSync?.();
      if (scheduled !== undefined) next.nextAttemptAt = scheduled;
      else delete next.nextAttemptAt;
    }
    await this.deps.publishStatus(next);
    return next;
  }

  /**
   * The batching of `onDatesStored`: `add` queues a stored date; one call runs at a time with every date queued
   * before it, then `published` (the status with the new count); `settled` resolves once nothing is queued or running.
   */
  private storedDates(published: () => Promise<void>): { add: (date: string) => void; settled: () => Promise<void> } {
    const queued: string[] = [];
    let running: Promise<void> | undefined;
    const drain = async () => {
      while (queued.length > 0) {
        const dates = queued.splice(0);
        try {
          await this.deps.onDatesStored?.(dates);
          await published();
        } catch (e) {
          syncLog.error('indexing stored dates failed', e);
        }
      }
      running = undefined;
    };
    return {
      add: (date) => {
        if (!this.deps.onDatesStored) return;
        queued.push(date);
        running ??= drain();
      },
      settled: async () => {
        while (running) await running;
      },
    };
  }

  private online(): boolean {
    return this.deps.isOnline?.() ?? true;
  }

  /** `status` after one more failed run: the count of failed runs and when the retry is due (backoff). */
  private failed(status: SyncStatus, notBefore = 0): SyncStatus {
    const failedRuns = (status.failedRuns ?? 0) + 1;
    return {
      ...status,
      failedRuns,
      nextAttemptAt: Math.max(this.deps.now() + retryDelayMs(failedRuns), notBefore),
    };
  }

  /** The report of the last finished run, if any. */
  async lastReport(): Promise<StoredReport | undefined> {
    return getMeta<StoredReport>(this.deps.db, 'lastReport');
  }
}
