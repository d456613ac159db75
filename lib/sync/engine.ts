/**
 * The sync engine: plan list dates, fetch them (a few at once), validate, store each date in one transaction,
 * then refresh the trending list. Every failure is a value in the report; `runSync` never throws for expected
 * trouble (network, HTTP, bad bodies, a full disk).
 */
import Dexie from 'dexie';
import type { PaperRadarDB } from '../db/database';
import { applyDay, applyTrending, getDayStates, recordDayFailure, type WriteCount } from '../db/queries';
import { toIsoDay } from '../feed/dates';
import { parseFeed, type RejectedEntry } from '../feed/parse';
import { fetchWithRetry, type FetchLike, type RetryOptions } from './http';
import { planSync, type SyncSettings } from './plan';

export const FEED_URL = 'https://huggingface.co/api/daily_papers';

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
  /** Skip the trending request (tests of the day loop alone). Default false. */
  skipTrending?: boolean;
}

export interface SyncReport {
  startedAt: number;
  finishedAt: number;
  planned: string[];
  fetched: string[];
  failed: { date: string; reason: string }[];
  added: number;
  updated: number;
  rejected: (RejectedEntry & { date: string })[];
  trending: { ok: true; count: number } | { ok: false; reason: string } | { ok: false; skipped: true; reason: string };
  /** Nothing answered and every failure was network-level: the browser is most likely offline. */
  offline: boolean;
  /** Set when the run stopped early (storage full, cancelled, rate limited for long). */
  aborted?: string;
  /** Earliest time the server allows another try, when it asked us to wait (epoch ms). */
  retryAt?: number;
}

/**
 * Whether a storage failure is the disk (or the origin's quota) being full: Dexie's `QuotaExceededError`, the
 * browser's `DOMException` of that name, or a Dexie error (an aborted transaction) whose `inner` cause is one.
 * Matched by error name (`Dexie.errnames`), never by message text, which differs between browsers.
 */
export function isQuotaError(e: unknown): boolean {
  const quota = Dexie.errnames.QuotaExceeded;
  const err = e as { name?: unknown; inner?: { name?: unknown } } | null;
  return err?.name === quota || err?.inner?.name === quota;
}

/** What the status line says when storage is full: lowering the window frees space, as retention deletes at once. */
export const STORAGE_FULL = 'storage is full: free disk space, or lower the backfill window';

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
  const retry = { ...deps.retry, fetch: deps.fetch, signal: stop.signal, now };

  const syncDate = async (date: string) => {
    const res = await fetchWithRetry(dayUrl(date), retry);
    if (!res.ok) {
      if (res.kind === 'aborted') return;
      if (res.kind === 'network') networkFailures++;
      if (res.retryAt !== undefined) {
        report.retryAt = res.retryAt;
        report.aborted ??= `rate limited: ${res.reason}`;
        stop.abort();
      }
      report.failed.push({ date, reason: res.reason });
      await recordDayFailure(db, date, res.reason, now());
      return;
    }
    const parsed = parseFeed(res.body, { seenAt: now(), listDate: date });
    if (!parsed.ok) {
      report.failed.push({ date, reason: parsed.reason });
      await recordDayFailure(db, date, parsed.reason, now());
      return;
    }
    report.rejected.push(...parsed.rejected.map((r) => ({ ...r, date })));
    count(
      await applyDay(db, date, parsed.papers, {
        at: now(),
        entries: parsed.papers.length + parsed.rejected.length,
        rejected: parsed.rejected.length,
      }),
    );
    report.fetched.push(date);
  };

  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < planned.length && !stop.signal.aborted) {
      const date = planned[next++]!;
      try {
        await syncDate(date);
      } catch (e) {
        const reason = isQuotaError(e) ? 'storage is full' : `storing failed: ${(e as Error).message}`;
        report.failed.push({ date, reason });
        if (isQuotaError(e)) {
          report.aborted ??= STORAGE_FULL;
          stop.abort();
        }
      }
      deps.onProgress?.(++done, planned.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 3) }, worker));
  if (deps.signal?.aborted) report.aborted ??= 'cancelled';

  if (!deps.skipTrending && !stop.signal.aborted) report.trending = await syncTrending(deps, retry, count);
  deps.signal?.removeEventListener('abort', onOuterAbort);

  report.offline = report.fetched.length === 0 && networkFailures > 0 && networkFailures === report.failed.length;
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
    const parsed = parseFeed(res.body, { seenAt: deps.now() });
    if (!parsed.ok) return { ok: false, reason: parsed.reason };
    count(await applyTrending(deps.db, parsed.papers, deps.now()));
    return { ok: true, count: parsed.papers.length };
  } catch (e) {
    return { ok: false, reason: `storing the trending list failed: ${(e as Error).message}` };
  }
}
