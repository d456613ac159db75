/**
 * The sync engine: plan list dates, fetch them (a few at once), validate, store each date in one transaction,
 * then refresh the trending list. Every failure is a value in the report; `runSync` never throws for expected
 * trouble (network, HTTP, bad bodies, a full disk).
 */
import type { PaperRadarDB } from '../db/database';
import { isQuotaError } from '../db/errors';
import {
  applyDay,
  applyTrending,
  getDayStates,
  pruneOldestBefore,
  recordDayFailure,
  type WriteCount,
} from '../db/queries';
import { addDays, toIsoDay } from '../feed/dates';
import { FEED_LIMITS, parseFeed, type RejectedEntry } from '../feed/parse';
import { fetchWithRetry, HostCircuit, type FetchLike, type RetryOptions } from './http';
import { clampBackfillDays, planSync, type SyncSettings } from './plan';

/** The only origin the feed is taken from (redirects and answers from anywhere else are refused). */
export const FEED_ORIGIN = 'https://huggingface.co';
export const FEED_URL = `${FEED_ORIGIN}/api/daily_papers`;
/** Consecutive network failures of the feed host after which a sync stops (see `HostCircuit`). */
export const UNREACHABLE_AFTER = 3;
/** Rejected entries kept in a report (the count of all is `rejectedCount`). */
export const MAX_REPORTED_REJECTIONS = 100;
/** Papers deleted per step when storage is full, oldest list date first, before the write is tried again. */
export const QUOTA_PRUNE_STEP = 1000;

/** The feed URL for one list date. */
export function dayUrl(date: string): string {
  return `${FEED_URL}?date=${date}`;
}

/** The first page of the current trending list. */
export const TRENDING_URL = `${FEED_URL}?sort=trending&limit=50`;

export interface SyncDeps {
  db: PaperRadarDB;
  fetch: FetchLike;
  now: () => number;
  settings: SyncSettings;
  /** Requests in flight at once. Default 3. */
  concurrency?: number;
  /** Passed to `fetchWithRetry` (timeouts, retries, sleep, random). */
  retry?: Omit<RetryOptions, 'fetch' | 'signal' | 'now'>;
  signal?: AbortSignal;
  /** Called after each date is stored or fails: dates done so far out of planned. */
  onProgress?: (done: number, planned: number) => void;
  /** Called once a list date's papers are stored (committed), before its `onProgress`, with that list date. */
  onDateStored?: (date: string) => void;
  /** Skip the trending request (tests of the day loop alone). Default false. */
  skipTrending?: boolean;
  /**
   * Bytes the store may still grow by (`navigator.storage.estimate()`: quota − usage; for an extension with
   * `unlimitedStorage` that is the free disk space), or `undefined` when unknown. Asked when a write fails without
   * saying why: on a full disk Chromium sometimes aborts the transaction with a bare `AbortError`.
   */
  storageLeft?: () => Promise<number | undefined>;
}

/** Below this much room left, a write that failed for no stated reason is taken for a full disk. */
export const LOW_STORAGE_BYTES = 16 * 1024 * 1024;

export interface SyncReport {
  startedAt: number;
  finishedAt: number;
  planned: string[];
  fetched: string[];
  failed: { date: string; reason: string }[];
  added: number;
  updated: number;
  /** Entries rejected by validation, with their reasons: the first `MAX_REPORTED_REJECTIONS`. */
  rejected: (RejectedEntry & { date: string })[];
  /** How many entries were rejected in all. */
  rejectedCount: number;
  /** Papers deleted to make room when storage was full (oldest list dates outside the window first). */
  pruned: number;
  trending: { ok: true; count: number } | { ok: false; reason: string } | { ok: false; skipped: true; reason: string };
  /**
   * The feed host could not be reached: `UNREACHABLE_AFTER` requests in a row got no answer (the run then stopped),
   * or nothing answered and every failure was network-level. Whether the browser itself is offline is the
   * controller's call (`navigator.onLine`).
   */
  offline: boolean;
  /** Set when the run stopped early (storage full, host unreachable, cancelled, rate limited for long). */
  aborted?: string;
  /** The run stopped because storage is full even after pruning papers outside the window. */
  storageFull?: boolean;
  /** Earliest time the server allows another try, when it asked us to wait (epoch ms). */
  retryAt?: number;
}

/**
 * What the report and the status line say when storage is full: nothing is lost, and lowering the window frees
 * space (retention deletes papers listed before it at once).
 */
export const STORAGE_FULL =
  'storage is full: nothing stored was lost, but newer papers cannot be added. Free disk space, or lower the number of days kept';

/** Runs one sync. See the module comment. */
export async function runSync(deps: SyncDeps): Promise<SyncReport> {
  const { db, now } = deps;
  const startedAt = now();
  const planned = planSync(toIsoDay(startedAt), deps.settings, await getDayStates(db));
  const report: SyncReport = {
    startedAt,
    finishedAt: startedAt,
    planned,
    fetched: [],
    failed: [],
    added: 0,
    updated: 0,
    rejected: [],
    rejectedCount: 0,
    pruned: 0,
    trending: { ok: false, skipped: true, reason: 'not run' },
    offline: false,
  };
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort();
  deps.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (deps.signal?.aborted) stop.abort();
  let networkFailures = 0;
  const count = (c: WriteCount) => {
    report.added += c.added;
    report.updated += c.updated;
  };
  const circuit = new HostCircuit(UNREACHABLE_AFTER);
  circuit.signal.addEventListener('abort', () => {
    report.aborted ??= `Hugging Face unreachable: ${UNREACHABLE_AFTER} requests in a row got no answer`;
    stop.abort();
  });
  const retry: RetryOptions = {
    ...deps.retry,
    fetch: deps.fetch,
    signal: stop.signal,
    now,
    origin: FEED_ORIGIN,
    maxBytes: FEED_LIMITS.bodyBytes,
    circuit,
  };
  const today = toIsoDay(startedAt);
  const windowStart = addDays(today, 1 - clampBackfillDays(deps.settings.backfillDays));
  const reject = (rejected: RejectedEntry[], date: string) => {
    report.rejectedCount += rejected.length;
    const room = MAX_REPORTED_REJECTIONS - report.rejected.length;
    if (room > 0) report.rejected.push(...rejected.slice(0, room).map((r) => ({ ...r, date })));
  };
  /** Whether a failed write failed for lack of room (said so, or the disk is nearly full). */
  const full = async (e: unknown): Promise<boolean> => {
    if (isQuotaError(e)) return true;
    const left = await deps.storageLeft?.().catch(() => undefined);
    return left !== undefined && left < LOW_STORAGE_BYTES;
  };
  /**
   * Runs a write; when storage is full, deletes the oldest papers listed before the window and tries again, until
   * it lands or nothing outside the window is left (then the quota error goes up). Writes run concurrently: a write
   * that finds nothing left to prune tries once more if another one pruned meanwhile.
   */
  const withRoom = async <T>(write: () => Promise<T>): Promise<T> => {
    // On a nearly full disk, prune before writing: once LevelDB has failed a write for lack of space, Chromium
    // closes the connection and a prune after the failure cannot run.
    const left = await deps.storageLeft?.().catch(() => undefined);
    if (left !== undefined && left < LOW_STORAGE_BYTES) {
      const freed = await pruneOldestBefore(db, windowStart, QUOTA_PRUNE_STEP).catch(() => 0);
      report.pruned += freed;
    }
    for (;;) {
      const prunedBefore = report.pruned;
      try {
        return await write();
      } catch (e) {
        if (!(await full(e))) throw e;
        const freed = await pruneOldestBefore(db, windowStart, QUOTA_PRUNE_STEP);
        report.pruned += freed;
        if (report.pruned === prunedBefore) throw e;
      }
    }
  };

  const syncDate = async (date: string) => {
    const res = await fetchWithRetry(dayUrl(date), retry);
    if (!res.ok) {
      if (res.kind === 'aborted') return;
      if (res.kind === 'network') networkFailures++;
      // A date the run stopped before trying is not a failure of that date (its checkpoint stays as it was).
      if (res.kind === 'network' && res.attempts === 0) return;
      if (res.retryAt !== undefined) {
        report.retryAt = res.retryAt;
        report.aborted ??= `rate limited: ${res.reason}`;
        stop.abort();
      }
      report.failed.push({ date, reason: res.reason });
      await withRoom(() => recordDayFailure(db, date, res.reason, now()));
      return;
    }
    const parsed = parseFeed(res.body, { seenAt: now(), listDate: date, today });
    if (!parsed.ok) {
      report.failed.push({ date, reason: parsed.reason });
      await withRoom(() => recordDayFailure(db, date, parsed.reason, now()));
      return;
    }
    reject(parsed.rejected, date);
    count(
      await withRoom(() =>
        applyDay(db, date, parsed.papers, {
          at: now(),
          entries: parsed.papers.length + parsed.rejected.length,
          rejected: parsed.rejected.length,
        }),
      ),
    );
    report.fetched.push(date);
    deps.onDateStored?.(date);
  };

  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < planned.length && !stop.signal.aborted) {
      const date = planned[next++]!;
      try {
        await syncDate(date);
      } catch (e) {
        const cause = (e as { cause?: { name?: string; message?: string } }).cause;
        if (await full(e)) {
          report.failed.push({ date, reason: 'storage is full' });
          report.storageFull = true;
          report.aborted ??= STORAGE_FULL;
          stop.abort();
        } else {
          const why = cause?.name ? ` (${cause.name}: ${cause.message ?? ''})` : '';
          report.failed.push({ date, reason: `storing failed: ${(e as Error).message}${why}` });
        }
      }
      deps.onProgress?.(++done, planned.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 3) }, worker));
  if (deps.signal?.aborted) report.aborted ??= 'cancelled';

  if (!deps.skipTrending && !stop.signal.aborted) report.trending = await syncTrending(deps, retry, count);
  deps.signal?.removeEventListener('abort', onOuterAbort);

  report.offline =
    circuit.open || (report.fetched.length === 0 && networkFailures > 0 && networkFailures === report.failed.length);
  report.finishedAt = now();
  return report;
}

async function syncTrending(
  deps: SyncDeps,
  retry: RetryOptions,
  count: (c: WriteCount) => void,
): Promise<SyncReport['trending']> {
  // The trending list is a bonus: any failure here is reported and never fails the sync.
  try {
    const res = await fetchWithRetry(TRENDING_URL, { ...retry, retries: 1 });
    if (!res.ok) return { ok: false, reason: res.reason };
    const parsed = parseFeed(res.body, { seenAt: deps.now(), today: toIsoDay(deps.now()) });
    if (!parsed.ok) return { ok: false, reason: parsed.reason };
    count(await applyTrending(deps.db, parsed.papers, deps.now()));
    return { ok: true, count: parsed.papers.length };
  } catch (e) {
    return { ok: false, reason: `storing the trending list failed: ${(e as Error).message}` };
  }
}
