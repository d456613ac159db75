/**
 * The store's side of export, import and "clear the cache": reading a store's records a page at a time, merging
 * imported records by id without losing newer data, and emptying the library.
 */
import type { EntityTable } from 'dexie';
import type { Paper } from '../feed/paper';
import type { Follow, HistoryEntry, PaperRadarDB, SavedPaper } from './database';
import { mergePaper, upsertPapers, type WriteCount } from './queries';
import { mergeHistoryEntries, mergeSavedPapers } from './user-data';

/**
 * The record type of each store an export carries, by its name in the file. A new store adds one line here, its
 * table and merge rule in `STORES` below, its record schema in `STORE_SCHEMAS` (lib/backup/file.ts) and its name in
 * `STORE_NAMES` (lib/backup/stores.ts); the compiler says when one is missing.
 */
export interface StoreRecords {
  papers: Paper;
  history: HistoryEntry;
  saved: SavedPaper;
  follows: Follow;
}

/** A store this build exports and imports. */
export type StoreName = keyof StoreRecords;

/**
 * How each exported store is read and merged. A new store adds one line: its table and the rule that merges an
 * imported record into the stored one. Every rule is idempotent (merging a record twice equals merging it once) and
 * keeps the newer of two copies, so importing the same file twice changes nothing and never loses newer data.
 */
const STORES: {
  [K in StoreName]: {
    table: (db: PaperRadarDB) => EntityTable<StoreRecords[K], 'id'>;
    merge: (db: PaperRadarDB, records: readonly StoreRecords[K][]) => Promise<WriteCount>;
  };
} = {
  // The sync's own rule (`mergePaper`): the newer sighting (`seenAt`) wins, the earliest list date stays.
  papers: { table: (db) => db.papers, merge: (db, papers) => upsertPapers(db, foldById(papers, mergePaper)) },
  // Earliest first visit, latest last visit, the larger visit count (not the sum: a second import adds nothing).
  history: { table: (db) => db.history, merge: (db, rows) => mergeRows(db.history, rows, mergeHistoryEntries) },
  // The stored row stays; an imported copy only brings an earlier `savedAt` and fields the stored row lacks.
  saved: { table: (db) => db.saved, merge: (db, rows) => mergeRows(db.saved, rows, mergeSavedPapers) },
  // A follow is its id (`kind:value`): the stored one stays, a new one is added.
  follows: { table: (db) => db.follows, merge: (db, rows) => mergeRows<Follow>(db.follows, rows, (stored) => stored) },
};

/**
 * Merges `records` into `table` by id with `merge(stored, imported)` (records sharing an id are merged first): a
 * record the table lacks is added; a stored one is replaced only when the merge changes it.
 */
async function mergeRows<T extends { id: string }>(
  table: { bulkGet(ids: string[]): Promise<(T | undefined)[]>; bulkPut(rows: T[]): Promise<unknown> },
  records: readonly T[],
  merge: (stored: T, imported: T) => T,
): Promise<WriteCount> {
  const rows = foldById(records, (a, b) => (a ? merge(a, b) : b));
  const stored = await table.bulkGet(rows.map((r) => r.id));
  const changed: T[] = [];
  let added = 0;
  let updated = 0;
  rows.forEach((row, i) => {
    const old = stored[i];
    if (!old) {
      added++;
      changed.push(row);
      return;
    }
    const merged = merge(old, row);
    if (!sameRecord(old, merged)) {
      updated++;
      changed.push(merged);
    }
  });
  if (changed.length > 0) await table.bulkPut(changed);
  return { added, updated };
}

/** Whether two flat records hold the same fields and values (arrays compared by their items), in any key order. */
function sameRecord(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  return [...keys].every((k) => JSON.stringify(x[k]) === JSON.stringify(y[k]));
}

/** `records` with those sharing an id merged into one (a hand-edited file may repeat one), first-seen order. */
function foldById<T extends { id: string }>(records: readonly T[], merge: (a: T | undefined, b: T) => T): T[] {
  const byId = new Map<string, T>();
  for (const r of records) byId.set(r.id, merge(byId.get(r.id), r));
  return [...byId.values()];
}

/** One page of a store's records, by id order: at most `limit` after id `after`, and the id to continue from. */
export async function readRecords<K extends StoreName>(
  db: PaperRadarDB,
  store: K,
  after: string | undefined,
  limit: number,
): Promise<{ records: StoreRecords[K][]; next?: string }> {
  const table = STORES[store].table(db);
  const query = after === undefined ? table.orderBy(':id') : table.where(':id').above(after);
  const records = (await query.limit(limit).toArray()) as StoreRecords[K][];
  const last = records.at(-1);
  return records.length === limit && last ? { records, next: last.id } : { records };
}

/**
 * Merges imported records into `store` in one transaction (all or nothing), each by id with the store's rule, so
 * importing never loses newer data and importing the same file twice changes nothing. Returns how many records it
 * added, changed, and left as they were.
 */
export async function importRecords<K extends StoreName>(
  db: PaperRadarDB,
  store: K,
  records: readonly StoreRecords[K][],
): Promise<WriteCount & { unchanged: number }> {
  const { table, merge } = STORES[store];
  const count = await db.transaction('rw', table(db), () => merge(db, records));
  return { ...count, unchanged: records.length - count.added - count.updated };
}

/**
 * Empties the library — papers, the sync state of every list date, the trending list, the last sync report and the
 * persisted search index — in one transaction. The user's own data (history, saved papers, follows) is not
 * a cache and stays, as do the settings (in extension storage). Returns how many papers went.
 */
export async function clearLibrary(db: PaperRadarDB): Promise<number> {
  return db.transaction('rw', [db.papers, db.days, db.meta, db.blobs], async () => {
    const papers = await db.papers.count();
    await Promise.all([db.papers.clear(), db.days.clear(), db.meta.clear(), db.blobs.clear()]);
    return papers;
  });
}
