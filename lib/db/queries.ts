/**
 * Every query Paper Radar runs against its database. Callers pass the database in, so tests can use
 * `fake-indexeddb` and the background its single long-lived instance.
 */
import { SNAPSHOT_SEEN_AT, type Paper } from '../feed/paper';
import type { BlobRow, DayState, PaperRadarDB } from './database';

type Table = PaperRadarDB['papers'] | PaperRadarDB['days'] | PaperRadarDB['meta'];

/**
 * `db.transaction('rw', tables, scope)`, keeping why IndexedDB aborted it: when a write fails on a full disk, Dexie
 * throws the failed requests (a `BulkError` of `AbortError`s) while the cause, a `QuotaExceededError`, is the
 * transaction's own error. That cause is attached to the thrown error as `cause` (see `isQuotaError`).
 */
async function write<T>(db: PaperRadarDB, tables: Table[], scope: () => Promise<T>): Promise<T> {
  let native: IDBTransaction | undefined;
  let ended: Promise<void> | undefined;
  try {
    return await db.transaction('rw', tables, async (tx) => {
      native = tx.idbtrans;
      const t = native;
      // Dexie may reject before the browser has finished aborting, when the transaction's error is not yet set.
      ended = new Promise<void>((resolve) => {
        for (const type of ['abort', 'complete', 'error']) t.addEventListener(type, () => resolve(), { once: true });
      });
      return await scope();
    });
  } catch (e) {
    if (ended) await Promise.race([ended, new Promise((r) => setTimeout(r, 1000))]);
    const cause = native?.error;
    if (cause && e && typeof e === 'object' && !(e as { cause?: unknown }).cause) {
      (e as { cause?: unknown }).cause = cause;
    }
    throw e;
  }
}

/** How many papers a write added and how many existing ones it changed (a repeat write changes none). */
export interface WriteCount {
  added: number;
  updated: number;
}

/** The current trending list as last fetched: ids best first. */
export interface TrendingList {
  at: number;
  ids: string[];
}

/** Whether two stored values are equal: primitives by value, arrays element by element (papers hold no objects). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((v, i) => v === b[i]);
}

/** Whether two papers hold the same data apart from `seenAt` (so a write would change nothing a user sees). */
export function samePaperExceptSeenAt(a: Paper, b: Paper): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === 'seenAt') continue;
    if (!sameValue(a[k as keyof Paper], b[k as keyof Paper])) return false;
  }
  return true;
}

/**
 * Merges a freshly parsed paper into the stored one so that the result does not depend on the order responses
 * arrive in (syncs fetch several dates at once, and an interrupted sync resumes in another order):
 * - the list date is the earliest the paper was listed on, and `dayRank` goes with it;
 * - every other field comes from the newer sighting (`seenAt`; on a tie, the one from the later list date), and on
 *   a tie counts take the larger value.
 *
 * `incoming.dayRank` undefined means the response could not rank it (the trending list): the stored rank stays.
 * A stored copy from the bundled snapshot (`seenAt === SNAPSHOT_SEEN_AT`) is replaced whole by a live one.
 */
export function mergePaper(existing: Paper | undefined, incoming: Paper): Paper {
  if (!existing) return incoming;
  // The bundled snapshot is a stand-in until the live feed answers: a live copy replaces it whole (its list date
  // and rank too, so retention judges the paper by where the live feed lists it).
  if (existing.seenAt === SNAPSHOT_SEEN_AT && incoming.seenAt !== SNAPSHOT_SEEN_AT) return incoming;
  const tie = incoming.seenAt === existing.seenAt;
  // On a tie (one sync saw the paper on two list dates), the later list's copy is the newer information.
  const incomingIsNewer = tie ? incoming.listDate >= existing.listDate : incoming.seenAt > existing.seenAt;
  const newer = incomingIsNewer ? incoming : existing;
  const older = incomingIsNewer ? existing : incoming;
  const merged: Paper = { ...older, ...stripUndefined(newer) };
  if (tie) {
    merged.upvotes = Math.max(existing.upvotes, incoming.upvotes);
    merged.comments = Math.max(existing.comments, incoming.comments);
    if (existing.githubStars !== undefined || incoming.githubStars !== undefined) {
      merged.githubStars = Math.max(existing.githubStars ?? 0, incoming.githubStars ?? 0);
    }
  }
  // First list appearance wins, with the rank it had there.
  const first =
    incoming.listDate < existing.listDate || (incoming.listDate === existing.listDate && incoming.dayRank !== undefined)
      ? incoming
      : existing;
  merged.listDate = first.listDate;
  const rank = first.dayRank ?? (first === incoming ? undefined : existing.dayRank);
  if (rank !== undefined) merged.dayRank = rank;
  else delete merged.dayRank;
  merged.seenAt = Math.max(existing.seenAt, incoming.seenAt);
  return merged;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Merges `papers` into the store (see `mergePaper`), writing only rows that change. Runs inside the caller's transaction if any. */
export async function upsertPapers(db: PaperRadarDB, papers: readonly Paper[]): Promise<WriteCount> {
  const existing = await db.papers.bulkGet(papers.map((p) => p.id));
  const changed: Paper[] = [];
  let added = 0;
  let updated = 0;
  papers.forEach((p, i) => {
    const old = existing[i];
    const merged = mergePaper(old, p);
    if (!old) {
      added++;
      changed.push(merged);
    } else if (!samePaperExceptSeenAt(old, merged)) {
      updated++;
      changed.push(merged);
    } else if (merged.seenAt !== old.seenAt) {
      changed.push(merged);
    }
  });
  if (changed.length > 0) await db.papers.bulkPut(changed);
  return { added, updated };
}

/**
 * Stores one list date's papers and marks the date fetched, in one transaction: either both land or neither.
 */
export async function applyDay(
  db: PaperRadarDB,
  date: string,
  papers: readonly Paper[],
  info: { at: number; entries: number; rejected: number },
): Promise<WriteCount> {
  return write(db, [db.papers, db.days], async () => {
    const count = await upsertPapers(db, papers);
    await db.days.put({
      date,
      status: 'ok',
      fetchedAt: info.at,
      okAt: info.at,
      entries: info.entries,
      rejected: info.rejected,
      failures: 0,
    });
    return count;
  });
}

/** Records a failed try for `date`; papers already stored for it are untouched. */
export async function recordDayFailure(db: PaperRadarDB, date: string, error: string, at: number): Promise<void> {
  await write(db, [db.days], async () => {
    const old = await db.days.get(date);
    await db.days.put({
      ...(old ?? { entries: 0, rejected: 0, failures: 0 }),
      date,
      status: 'failed',
      fetchedAt: at,
      error,
      failures: (old?.status === 'failed' ? old.failures : 0) + 1,
    });
  });
}

/** Every list date's sync state, keyed by date. */
export async function getDayStates(db: PaperRadarDB): Promise<Map<string, DayState>> {
  const rows = await db.days.toArray();
  return new Map(rows.map((r) => [r.date, r]));
}

/** The `meta` key of the trending list (`TrendingList`). */
export const TRENDING_META_KEY = 'trending';

/** Stores the trending list's papers (keeping their stored day ranks) and the list's order. */
export async function applyTrending(db: PaperRadarDB, papers: readonly Paper[], at: number): Promise<WriteCount> {
  return write(db, [db.papers, db.meta], async () => {
    const unranked = papers.map(({ dayRank: _r, ...p }) => p);
    const count = await upsertPapers(db, unranked);
    await setMeta<TrendingList>(db, TRENDING_META_KEY, { at, ids: papers.map((p) => p.id) });
    return count;
  });
}

/** The trending list as last stored, or an empty one. */
export async function getTrending(db: PaperRadarDB): Promise<TrendingList> {
  return (await getMeta<TrendingList>(db, TRENDING_META_KEY)) ?? { at: 0, ids: [] };
}

/**
 * The number of stored papers. O(n): Chromium's IndexedDB counts by walking the records (a woken worker's start-up
 * recovery with a count took ~0.2 s at 10,000 papers and ~0.6 s at 50,000, BENCHMARKS.md); where only emptiness
 * matters, ask `hasPapers`.
 */
export async function countPapers(db: PaperRadarDB): Promise<number> {
  return db.papers.count();
}

/** Whether any paper is stored: one key read, whatever the store's size. */
export async function hasPapers(db: PaperRadarDB): Promise<boolean> {
  return (await db.papers.limit(1).primaryKeys()).length > 0;
}

/** The papers with these ids, in the same order; `undefined` where not stored. */
export async function getPapers(db: PaperRadarDB, ids: readonly string[]): Promise<(Paper | undefined)[]> {
  return db.papers.bulkGet([...ids]);
}

export async function getPaper(db: PaperRadarDB, id: string): Promise<Paper | undefined> {
  return db.papers.get(id);
}

/** Every stored paper (for building the search index). */
export async function getAllPapers(db: PaperRadarDB): Promise<Paper[]> {
  return db.papers.toArray();
}

/**
 * Papers listed from `from` to `to` (inclusive, `YYYY-MM-DD`; either may be omitted), newest list date first and
 * most upvoted first within a date, at most `limit`.
 */
export async function listPapersByDate(
  db: PaperRadarDB,
  range: { from?: string; to?: string; limit?: number } = {},
): Promise<Paper[]> {
  const lower = [range.from ?? '', -Infinity];
  const upper = [range.to ?? '\uffff', Infinity];
  let q = db.papers.where('[listDate+upvotes]').between(lower, upper, true, true).reverse();
  if (range.limit !== undefined) q = q.limit(range.limit);
  return q.toArray();
}

/** The newest list date stored, if any. */
export async function latestListDate(db: PaperRadarDB): Promise<string | undefined> {
  const last = await db.papers.orderBy('[listDate+upvotes]').last();
  return last?.listDate;
}

export async function getMeta<T>(db: PaperRadarDB, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function setMeta<T>(db: PaperRadarDB, key: string, value: T): Promise<void> {
  await write(db, [db.meta], async () => {
    await db.meta.put({ key, value });
  });
}

/** Deletes the meta row `key`; nothing when there is none. */
export async function deleteMeta(db: PaperRadarDB, key: string): Promise<void> {
  await write(db, [db.meta], async () => {
    await db.meta.delete(key);
  });
}

/**
 * The `meta` key of the pending-rebuild marker: a number, present while a change of the papers (a sync, an import,
 * a prune) may not be in the derived indexes yet. It survives the worker, so a worker killed between the change and
 * the rebuild leaves the next one a rebuild to run (`SyncController.run`, `Background`).
 */
export const REBUILD_PENDING = 'rebuildPending';

/**
 * Marks a rebuild pending (a new value each call, so a rebuild that read an older one does not clear it; see
 * `clearPendingRebuild`). Returns the value before (undefined: none was pending) and the value set.
 */
export async function markRebuildPending(db: PaperRadarDB): Promise<{ before: number | undefined; value: number }> {
  return write(db, [db.meta], async () => {
    const before = (await db.meta.get(REBUILD_PENDING))?.value as number | undefined;
    const value = (before ?? 0) + 1;
    await db.meta.put({ key: REBUILD_PENDING, value });
    return { before, value };
  });
}

/** The pending-rebuild marker's value, or undefined when no rebuild is pending. */
export async function pendingRebuild(db: PaperRadarDB): Promise<number | undefined> {
  return getMeta<number>(db, REBUILD_PENDING);
}

/**
 * Clears the pending-rebuild marker if it still holds `seen` (read before a rebuild began); a marker set again
 * meanwhile (a change the rebuild may have missed) stays. Returns whether it was cleared.
 */
export async function clearPendingRebuild(db: PaperRadarDB, seen: number): Promise<boolean> {
  return write(db, [db.meta], async () => {
    if ((await db.meta.get(REBUILD_PENDING))?.value !== seen) return false;
    await db.meta.delete(REBUILD_PENDING);
    return true;
  });
}

export async function getBlob(db: PaperRadarDB, name: string): Promise<BlobRow | undefined> {
  return db.blobs.get(name);
}

/** Stores a large derived value (a string or an object of typed arrays) under `name`, replacing the previous one. */
export async function putBlob(db: PaperRadarDB, name: string, value: unknown, at: number): Promise<void> {
  await db.blobs.put({ name, value, updatedAt: at });
}

/** Deletes the large derived value `name` (it moved elsewhere); nothing when there is none. */
export async function deleteBlob(db: PaperRadarDB, name: string): Promise<void> {
  await db.blobs.delete(name);
}

/**
 * Makes room when storage is full: deletes up to `limit` papers listed before `before` (`YYYY-MM-DD`, the start of
 * the backfill window), oldest list date first, keeping those on the current trending list; and the sync states of
 * dates before `before`. Returns how many papers went (0: nothing outside the window is left to delete).
 */
export async function pruneOldestBefore(db: PaperRadarDB, before: string, limit: number): Promise<number> {
  return write(db, [db.papers, db.days, db.meta], async () => {
    const keep = new Set((await getTrending(db)).ids);
    const ids = (await db.papers.where('[listDate+upvotes]').below([before, -Infinity]).primaryKeys()) as string[];
    const doomed = ids.filter((id) => !keep.has(id)).slice(0, limit);
    await db.papers.bulkDelete(doomed);
    await db.days.where('date').below(before).delete();
    return doomed.length;
  });
}

/**
 * Loads the bundled first-run snapshot when the store holds no papers. Returns how many papers it added (0 when
 * the store was not empty, so a reinstall or a second call never overwrites synced data).
 */
export async function loadSnapshotIfEmpty(db: PaperRadarDB, papers: readonly Paper[], at: number): Promise<number> {
  return db.transaction('rw', db.papers, db.meta, async () => {
    if ((await db.papers.count()) > 0) return 0;
    await db.papers.bulkAdd([...papers]);
    await db.meta.put({ key: 'snapshot', value: { at, count: papers.length } });
    return papers.length;
  });
}

/**
 * Removes the snapshot papers that no sync has seen (`seenAt === SNAPSHOT_SEEN_AT`). Called after a sync that
 * fetched its whole plan, so the store then holds exactly the live feed of the backfill window. Returns how many
 * went.
 */
export async function pruneUnconfirmedSnapshot(db: PaperRadarDB): Promise<number> {
  // A full scan: this runs once, after the first complete sync, so it is not worth an index on every write.
  return db.papers.filter((p) => p.seenAt === SNAPSHOT_SEEN_AT).delete();
}

/**
 * Retention: deletes the papers listed before `firstDate` (`YYYY-MM-DD`, exclusive bound: papers listed on it stay)
 * except those whose id is in `keep`, and the sync states of the dates before it, in one transaction. Returns how
 * many papers went. Uses the `[listDate+upvotes]` index, so it reads only what it deletes.
 */
export async function pruneListedBefore(
  db: PaperRadarDB,
  firstDate: string,
  keep: ReadonlySet<string> = new Set(),
): Promise<number> {
  return db.transaction('rw', db.papers, db.days, async () => {
    const old = await db.papers.where('[listDate+upvotes]').below([firstDate, -Infinity]).primaryKeys();
    const gone = old.filter((id) => !keep.has(id));
    await db.papers.bulkDelete(gone);
    await db.days.where('date').below(firstDate).delete();
    return gone.length;
  });
}
