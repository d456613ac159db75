/**
 * Queries over the user's own data: the local reading history, saved papers, follows and the derived topics. No
 * sync ever writes these tables, retention never deletes from them and "clear the cache" leaves them. Export and
 * import carry history, saved papers and follows (lib/db/backup.ts, with the merge rules below).
 */
import type { Follow, HistoryEntry, HistoryVia, PaperRadarDB, SavedPaper, StoredTopic } from './database';

/** Longest abstract kept in a history entry (characters). */
export const MAX_HISTORY_ABSTRACT = 5000;

/** One visit to record. */
export interface Visit {
  id: string;
  title?: string | undefined;
  /** Kept only when the feed does not hold the paper (the caller decides); cut to `MAX_HISTORY_ABSTRACT`. */
  abstract?: string | undefined;
  via: HistoryVia;
}

/**
 * Records a visit at `at` (epoch ms): a new entry, or the paper's entry with `lastAt`, `visits` and `via` updated
 * (a known title is kept when the visit brings none). Returns the stored entry.
 */
export async function recordVisit(db: PaperRadarDB, visit: Visit, at: number): Promise<HistoryEntry> {
  return db.transaction('rw', db.history, async () => {
    const old = await db.history.get(visit.id);
    const entry: HistoryEntry = {
      id: visit.id,
      title: visit.title?.trim() || old?.title || '',
      firstAt: old ? Math.min(old.firstAt, at) : at,
      lastAt: old ? Math.max(old.lastAt, at) : at,
      visits: (old?.visits ?? 0) + 1,
      via: visit.via,
    };
    const abstract = visit.abstract?.trim().slice(0, MAX_HISTORY_ABSTRACT) || old?.abstract;
    if (abstract) entry.abstract = abstract;
    await db.history.put(entry);
    return entry;
  });
}

/** The history, most recently visited first, at most `limit` entries (all when omitted). */
export async function listHistory(db: PaperRadarDB, limit?: number): Promise<HistoryEntry[]> {
  let q = db.history.orderBy('lastAt').reverse();
  if (limit !== undefined) q = q.limit(limit);
  return q.toArray();
}

/** Deletes these papers' history entries; returns the entries deleted (for an undo). */
export async function deleteHistoryEntries(db: PaperRadarDB, ids: readonly string[]): Promise<HistoryEntry[]> {
  return db.transaction('rw', db.history, async () => {
    const gone = (await db.history.bulkGet([...ids])).filter((e): e is HistoryEntry => e !== undefined);
    await db.history.bulkDelete([...ids]);
    return gone;
  });
}

/** Empties the history; returns every entry it held (for an undo). */
export async function clearHistory(db: PaperRadarDB): Promise<HistoryEntry[]> {
  return db.transaction('rw', db.history, async () => {
    const all = await db.history.toArray();
    await db.history.clear();
    return all;
  });
}

/**
 * Puts entries back (an undo, an import): an entry for a paper already in the history is merged with it (earliest
 * first visit, latest last visit, visits added).
 */
export async function restoreHistory(db: PaperRadarDB, entries: readonly HistoryEntry[]): Promise<void> {
  await db.transaction('rw', db.history, async () => {
    const old = await db.history.bulkGet(entries.map((e) => e.id));
    await db.history.bulkPut(
      entries.map((e, i) => {
        const o = old[i];
        if (!o) return e;
        const merged: HistoryEntry = {
          ...o,
          ...e,
          title: e.title || o.title,
          firstAt: Math.min(o.firstAt, e.firstAt),
          lastAt: Math.max(o.lastAt, e.lastAt),
          visits: o.visits + e.visits,
          via: e.lastAt >= o.lastAt ? e.via : o.via,
        };
        const abstract = e.abstract ?? o.abstract;
        if (abstract) merged.abstract = abstract;
        return merged;
      }),
    );
  });
}

/**
 * The import rule for a history entry already stored (`stored`) and a copy from a file (`imported`): the earliest
 * first visit, the latest last visit, the larger visit count (not the sum, so importing the same file twice counts
 * nothing twice), the title and `via` of the later last visit (the stored entry's on a tie; a title is never
 * replaced by none), and the stored abstract (else the file's). Idempotent: merging the result with `imported`
 * again returns it unchanged.
 */
export function mergeHistoryEntries(stored: HistoryEntry, imported: HistoryEntry): HistoryEntry {
  const [later, earlier] = imported.lastAt > stored.lastAt ? [imported, stored] : [stored, imported];
  const merged: HistoryEntry = {
    id: stored.id,
    title: later.title || earlier.title,
    firstAt: Math.min(stored.firstAt, imported.firstAt),
    lastAt: later.lastAt,
    visits: Math.max(stored.visits, imported.visits),
    via: later.via,
  };
  const abstract = stored.abstract ?? imported.abstract;
  if (abstract !== undefined) merged.abstract = abstract;
  return merged;
}

/**
 * The import rule for a saved paper already stored (`stored`) and a copy from a file (`imported`): the stored row
 * stays; the copy brings only the earlier `savedAt` and what the stored row lacks (an empty title or author list,
 * a missing publication date or primary category). Idempotent.
 */
export function mergeSavedPapers(stored: SavedPaper, imported: SavedPaper): SavedPaper {
  const merged: SavedPaper = {
    ...stored,
    savedAt: Math.min(stored.savedAt, imported.savedAt),
    title: stored.title || imported.title,
    authors: stored.authors.length > 0 ? stored.authors : imported.authors,
  };
  const publishedDate = stored.publishedDate ?? imported.publishedDate;
  if (publishedDate !== undefined) merged.publishedDate = publishedDate;
  const primaryClass = stored.primaryClass ?? imported.primaryClass;
  if (primaryClass !== undefined) merged.primaryClass = primaryClass;
  return merged;
}

/** Saves a paper (saving it again keeps the first `savedAt` and refreshes its data). */
export async function savePaper(db: PaperRadarDB, paper: SavedPaper): Promise<SavedPaper> {
  return db.transaction('rw', db.saved, async () => {
    const old = await db.saved.get(paper.id);
    const row: SavedPaper = { ...old, ...paper, savedAt: old?.savedAt ?? paper.savedAt };
    if (!row.primaryClass && old?.primaryClass) row.primaryClass = old.primaryClass;
    await db.saved.put(row);
    return row;
  });
}

/** Removes these papers from the saved ones. */
export async function unsavePapers(db: PaperRadarDB, ids: readonly string[]): Promise<void> {
  await db.saved.bulkDelete([...ids]);
}

/** The saved papers, most recently saved first. */
export async function listSaved(db: PaperRadarDB): Promise<SavedPaper[]> {
  return db.saved.orderBy('savedAt').reverse().toArray();
}

/** Which of `ids` are saved. */
export async function savedIds(db: PaperRadarDB, ids?: readonly string[]): Promise<Set<string>> {
  if (ids === undefined) return new Set((await db.saved.toCollection().primaryKeys()) as string[]);
  const rows = await db.saved.bulkGet([...ids]);
  return new Set(rows.filter((r): r is SavedPaper => r !== undefined).map((r) => r.id));
}

/** Adds a follow (the same kind and value twice keeps one). */
export async function addFollow(db: PaperRadarDB, follow: Follow): Promise<void> {
  await db.transaction('rw', db.follows, async () => {
    if (!(await db.follows.get(follow.id))) await db.follows.put(follow);
  });
}

export async function removeFollow(db: PaperRadarDB, id: string): Promise<void> {
  await db.follows.delete(id);
}

/** Every follow, oldest first. */
export async function listFollows(db: PaperRadarDB): Promise<Follow[]> {
  return (await db.follows.toArray()).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** The stored topics, in id order of creation. */
export async function getTopics(db: PaperRadarDB): Promise<StoredTopic[]> {
  return (await db.topics.toArray()).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Replaces the stored topics with `topics` in one transaction. */
export async function replaceTopics(db: PaperRadarDB, topics: readonly StoredTopic[]): Promise<void> {
  await db.transaction('rw', db.topics, async () => {
    await db.topics.clear();
    await db.topics.bulkPut([...topics]);
  });
}
